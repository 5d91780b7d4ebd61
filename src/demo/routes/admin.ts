import type { Route } from '../http/router.js';
import { KnobsError } from '../knobs.js';
import { validBody, type Services } from '../services.js';
import { knobsPatchSchema } from '../knobs.js';

const admin = { access: 'admin', limited: true, faults: false } as const;

export const adminRoutes: Route<Services>[] = [
  { method: 'GET', pattern: '/api/admin/knobs', ...admin, handler: (ctx, s) => s.send.json(ctx, 200, s.knobs()) },
  {
    method: 'PATCH', pattern: '/api/admin/knobs', ...admin,
    handler: (ctx, s) => {
      const patch = validBody(ctx, s, knobsPatchSchema);
      if (!patch) return;
      try {
        s.send.json(ctx, 200, s.setKnobs(patch));
      } catch (err) {
        if (err instanceof KnobsError) s.send.error(ctx, 400, 'invalid knobs', undefined, { issues: err.problems });
        else throw err;
      }
    },
  },
];
