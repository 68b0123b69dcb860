export { GridIndex } from './grid-index.ts';
export type { GridFeature } from './grid-index.ts';
export { bboxOf, centroidOf, flattenRings, pointInRings, ringsOf } from './geometry.ts';
export type { BBox, PolygonGeometry, Position } from './geometry.ts';
