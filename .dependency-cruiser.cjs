// Dependency rules of the house style (docs/architecture.md, "Dependency rules"), checked by
// `npm run lint`: a new import cycle, a domain file reaching outside the pure
// core, bot/ and workers/ importing each other, or core/ importing either fails
// the build. The known-violations baseline is empty: nothing is excused.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "No import cycles anywhere, type-only imports included.",
      from: {},
      to: { circular: true },
    },
    {
      name: "domain-stays-pure",
      severity: "error",
      comment:
        "core/domain is functions over data: it imports only core/domain, core/content and " +
        "zod (pure schema library). No Node built-ins, no infra, app, ports or channel code.",
      from: { path: "^core/domain/" },
      to: { pathNot: ["^core/domain/", "^core/content/", "^node_modules/zod/"] },
    },
    {
      name: "bot-not-workers",
      severity: "error",
      comment: "The bot process and the workers process share code only through core/.",
      from: { path: "^bot/" },
      to: { path: "^workers/" },
    },
    {
      name: "workers-not-bot",
      severity: "error",
      comment: "The bot process and the workers process share code only through core/.",
      from: { path: "^workers/" },
      to: { path: "^bot/" },
    },
    {
      name: "core-not-processes",
      severity: "error",
      comment: "core/ is what the processes share; it never reaches back into bot/ or workers/.",
      from: { path: "^core/" },
      to: { path: "^(bot|workers)/" },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "An import that does not resolve is a typo or a missing dependency.",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["^prisma/generated/", "^node_modules/"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".js", ".mjs", ".cjs", ".json", ".d.ts"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
