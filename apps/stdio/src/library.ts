/** What other packages may import from the stdio example app (it has no side effects). */
export { registerExamples, EXAMPLE_SERVER_INFO } from "./examples.js";
export { evaluate, CalculatorError, MAX_DEPTH, MAX_EXPRESSION_LENGTH } from "./calculator.js";
export type { CalculatorErrorCode } from "./calculator.js";
