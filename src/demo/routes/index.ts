import type { Route } from '../http/router.js';
import type { Services } from '../services.js';
import { adminRoutes } from './admin.js';
import { authRoutes } from './auth.js';
import { gatewayRoutes } from './gateway.js';
import { itemRoutes } from './items.js';
import { modelRoutes } from './model.js';
import { taskRoutes } from './tasks.js';
import { toolRoutes } from './tools.js';
import { uiRoutes } from './ui.js';

export const ROUTES: readonly Route<Services>[] = [...gatewayRoutes, ...authRoutes, ...itemRoutes, ...taskRoutes, ...modelRoutes, ...toolRoutes, ...adminRoutes, ...uiRoutes];
