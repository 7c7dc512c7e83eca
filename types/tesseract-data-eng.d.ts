/** The English model package for tesseract.js: where its eng.traineddata.gz lives. */
declare module "@tesseract.js-data/eng" {
  const eng: { code: string; gzip: boolean; langPath: string };
  export = eng;
}
