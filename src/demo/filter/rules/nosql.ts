import type { FilterRule } from '../rule.js';

export const nosql: FilterRule = {
  id: 'nosql',
  title: 'NoSQL injection',
  patterns: [
    /(?:^|[[{"',\s])\$(?:ne|eq|gt|gte|lt|lte|in|nin|regex|where|exists|expr|or|and|not|nor|elemmatch|function)\b/,
    /\bthis\s{0,5}\.\s{0,5}\w{1,40}\s{0,20}(?:==|!=|\.match\s*\()|;\s{0,20}return\s+(?:true|1)\b/,
  ],
  block: ['{"$ne": null}', 'user[$ne]=x', '$gt', "'; return true; var x='", '{"$where": "this.password.length > 0"}'],
  allow: ['costs $5 in total', 'price $10 or less', 'this.name is nice'],
};
