import type { FilterRule } from '../rule.js';

export const template: FilterRule = {
  id: 'ssti',
  title: 'server-side template injection',
  patterns: [
    /\{\{[^}]{0,200}(?:[*+/%()[\]|]|__|\bconfig\b|\bself\b|\brequest\b)[^}]{0,200}\}\}/,
    /[$#]\{[^}]{0,200}[*+/%()][^}]{0,200}\}/,
    /<%=?[\s\S]{0,200}?%>/,
    /\{%\s{0,20}(?:import|include|debug|exec)\b/,
    /__(?:class|mro|subclasses|globals|builtins|import)__|\bt\s{0,5}\(\s{0,5}java\./,
  ],
  block: ['{{7*7}}', '${7*7}', '<%= 7*7 %>', '#{7*7}', "{{''.__class__.__mro__}}", '{{config.items()}}', '${T(java.lang.Runtime).getRuntime()}'],
  allow: ['Hello {{name}}', 'Dear {{ user.first_name }}', 'path is ${HOME}/docs', 'costs #{price} today'],
};
