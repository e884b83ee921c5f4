const fs = require("fs");
const path = require("path");
const express = require("express");

const greeting = fs.readFileSync(path.join(__dirname, "dist", "greeting.txt"), "utf8");
const app = express();

app.get("/", (req, res) => res.type("text/plain").send(greeting));
app.get("/env", (req, res) => res.json({ nodeEnv: process.env.NODE_ENV || null }));

const port = Number(process.env.PORT || 5000);
app.listen(port, () => console.log(`node sample listening on ${port}`));
