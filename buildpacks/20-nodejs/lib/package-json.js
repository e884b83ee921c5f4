// Prints what the buildpack needs from package.json, one value per line (empty when absent):
// scripts.build, scripts.start, main, engines.node, then "end" (so that the shell's command
// substitution, which drops trailing newlines, keeps the empty values). Exits 1 with the parse error when the file
// is not valid JSON or not an object.
const fs = require("fs");

const file = process.argv[2];
let pkg;
try {
  pkg = JSON.parse(fs.readFileSync(file, "utf8"));
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
if (pkg === null || typeof pkg !== "object" || Array.isArray(pkg)) {
  console.error("the top level must be an object");
  process.exit(1);
}
const text = (value) => (typeof value === "string" ? value.replace(/[\r\n]+/g, " ") : "");
const scripts = pkg.scripts && typeof pkg.scripts === "object" ? pkg.scripts : {};
const engines = pkg.engines && typeof pkg.engines === "object" ? pkg.engines : {};
console.log(text(scripts.build));
console.log(text(scripts.start));
console.log(text(pkg.main));
console.log(text(engines.node));
console.log("end");
