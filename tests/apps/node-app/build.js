// `npm run build`: writes the page the server answers with. Uses a devDependency on purpose:
// the buildpack installs them for the build and prunes them afterwards.
const fs = require("fs");
const kleur = require("kleur");

fs.mkdirSync("dist", { recursive: true });
fs.writeFileSync("dist/greeting.txt", "Hello from the node sample\n");
console.log(kleur.bold("build: wrote dist/greeting.txt"));
