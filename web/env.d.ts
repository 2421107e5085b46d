// Vega's browser build as text (an alias in vite.config.ts): the report inlines it.
declare module "calmfoot-vega-browser?raw" {
  const text: string;
  export default text;
}
