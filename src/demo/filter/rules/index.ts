import type { FilterRule } from '../rule.js';
import { command } from './command.js';
import { crlf, crlfInBody } from './crlf.js';
import { jndi } from './jndi.js';
import { ldap } from './ldap.js';
import { nosql } from './nosql.js';
import { sqli } from './sqli.js';
import { template } from './template.js';
import { traversal } from './traversal.js';
import { xss } from './xss.js';
import { xxe } from './xxe.js';

export const FILTER_RULES: readonly FilterRule[] = [sqli, xss, traversal, command, template, xxe, ldap, nosql, crlf, crlfInBody, jndi];
