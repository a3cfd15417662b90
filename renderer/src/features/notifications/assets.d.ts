/** Vite turns `import url from './x.wav?url'` into the bundled file's URL. */
declare module '*.wav?url' {
  const url: string;
  export default url;
}
