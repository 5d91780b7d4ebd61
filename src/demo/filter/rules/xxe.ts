import type { FilterRule } from '../rule.js';

export const xxe: FilterRule = {
  id: 'xxe',
  title: 'XML external entity',
  patterns: [/<!doctype[^>]{0,500}\[|<!entity\b|\bsystem\s{1,20}["'](?:file|https?|ftp|php|expect|jar|gopher):/],
  block: ['<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>', '<!ENTITY x SYSTEM "http://evil.example/">'],
  allow: ['<!DOCTYPE html>', 'the system "works" fine'],
};
