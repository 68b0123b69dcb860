/* The documents feature: what other features mount (the cases screens mount the panel with their subject). */
export { DocumentsPanel } from './DocumentsPanel.tsx';
