// SQL files imported as text (esbuild's text loader): the export ships the views it creates.
declare module '*.sql' {
  const text: string;
  export default text;
}
