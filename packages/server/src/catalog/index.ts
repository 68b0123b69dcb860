// The catalog context's public surface: other contexts import only from here.
export { createCatalogService, CATALOG_CHANNEL, type CatalogService } from './catalog.service.ts';
export { registerCatalogRoutes } from './catalog.routes.ts';
export { catalogRepository } from './catalog.repository.ts';
export { mattersFromTable, MATTER_COLUMNS } from './catalog-import.ts';
