// The accounts context's public surface (administrators' user accounts): other code imports only from here.
export { createAccountsService, type AccountsService } from './accounts.service.ts';
export { registerAccountRoutes } from './accounts.routes.ts';
