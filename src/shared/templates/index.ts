export * from './answers.js';
export * from './fill.js';
export * from './model.js';
export { patternProblem } from './pattern.js';
export * from './choice-items.js';
