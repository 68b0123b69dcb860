/** Colours of the organization map and the boundary previews. */
export const GRID_COLOR = '#3a4a5e';
export const SELECTED_COLOR = '#d4380d';
