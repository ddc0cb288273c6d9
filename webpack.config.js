// Nest CLI's webpack build with one change. ts-loader transpiles each file on its own and clears rootDir
// while doing so (ts-loader dist/index.js, transpile mode), which TypeScript 6 reports as TS5011 on every
// file although the output is right. Type checking is done whole by `npm run typecheck`.
module.exports = (options) => {
  for (const rule of options.module.rules) {
    for (const use of [].concat(rule.use ?? [])) {
      if (use.loader === 'ts-loader') use.options = { ...use.options, ignoreDiagnostics: [5011] };
    }
  }
  return options;
};
