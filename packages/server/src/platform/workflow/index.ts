export * from './stepper.ts';
export * from './steps-table.ts';
