export * from './stepper.ts';
export * from './clocks.ts';
export * from './steps-table.ts';
