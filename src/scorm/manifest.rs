//! `imsmanifest.xml` for SCORM 1.2 and SCORM 2004 (4th edition), written
//! with quick-xml's writer so every title and path is escaped.
//!
//! Shape: one organisation whose items are the onboarding steps (or the
//! sections); every item launches the same SCO, `scorm-launch.html`, with
//! the step's first page as a parameter. The launch page keeps one LMS
//! session while the learner moves between pages inside it. All other files
//! are one `asset` resource the SCO depends on, so every file of the package
//! is listed.

use std::io;

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

/// Which SCORM edition the manifest and the runtime speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    Scorm12,
    Scorm2004,
}

impl Version {
    /// As written on the command line and in the runtime's settings.
    pub fn as_str(self) -> &'static str {
        match self {
            Version::Scorm12 => "1.2",
            Version::Scorm2004 => "2004",
        }
    }
}

/// One organisation item: an onboarding step or a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Unique among the items; made into an XML id by [`xml_id`].
    pub id: String,
    pub title: String,
    /// The page the item opens, relative to the package root (`kpi/index.html`).
    pub start: String,
}

/// Everything the manifest says.
#[derive(Debug, Clone)]
pub struct Manifest {
    pub version: Version,
    pub identifier: String,
    pub title: String,
    pub items: Vec<Item>,
    /// Mastery score in percent (0–100), if the course has one.
    pub mastery_score: Option<f64>,
    /// The launch page of the SCO (relative to the package root).
    pub launch: String,
    /// Every other file of the package, sorted.
    pub files: Vec<String>,
}

/// The launch page's file name at the package root.
pub const LAUNCH_PAGE: &str = "scorm-launch.html";

const SCO: &str = "kurator-sco";
const FILES: &str = "kurator-files";

/// An XML `ID` (an NCName) from any text: letters, digits, `-`, `_` and `.`
/// kept, anything else `_`, and a leading `x-` when it would not start with
/// a letter or `_`.
pub fn xml_id(text: &str) -> String {
    let mut id: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !id.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        id.insert_str(0, "x-");
    }
    id
}

/// The manifest as XML text.
pub fn write(m: &Manifest) -> io::Result<String> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let root = w
        .create_element("manifest")
        .with_attribute(("identifier", xml_id(&m.identifier).as_str()))
        .with_attribute(("version", "1.0"));
    let root = match m.version {
        Version::Scorm12 => root.with_attributes([
            ("xmlns", "http://www.imsproject.org/xsd/imscp_rootv1p1p2"),
            ("xmlns:adlcp", "http://www.adlnet.org/xsd/adlcp_rootv1p2"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd \
                 http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd \
                 http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd",
            ),
        ]),
        Version::Scorm2004 => root.with_attributes([
            ("xmlns", "http://www.imsglobal.org/xsd/imscp_v1p1"),
            ("xmlns:adlcp", "http://www.adlnet.org/xsd/adlcp_v1p3"),
            ("xmlns:adlseq", "http://www.adlnet.org/xsd/adlseq_v1p3"),
            ("xmlns:adlnav", "http://www.adlnet.org/xsd/adlnav_v1p3"),
            ("xmlns:imsss", "http://www.imsglobal.org/xsd/imsss"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd \
                 http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd \
                 http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd \
                 http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd \
                 http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd",
            ),
        ]),
    };
    root.write_inner_content(|w| {
        w.create_element("metadata").write_inner_content(|w| {
            text(w, "schema", "ADL SCORM")?;
            let version = match m.version {
                Version::Scorm12 => "1.2",
                Version::Scorm2004 => "2004 4th Edition",
            };
            text(w, "schemaversion", version)
        })?;
        organizations(w, m)?;
        resources(w, m)
    })?;
    let mut xml = String::from_utf8(w.into_inner()).map_err(io::Error::other)?;
    xml.push('\n');
    Ok(xml)
}

fn text<W: io::Write>(w: &mut Writer<W>, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(value))?;
    Ok(())
}

fn organizations<W: io::Write>(w: &mut Writer<W>, m: &Manifest) -> io::Result<()> {
    let org = format!("{}-org", xml_id(&m.identifier));
    w.create_element("organizations")
        .with_attribute(("default", org.as_str()))
        .write_inner_content(|w| {
            w.create_element("organization")
                .with_attribute(("identifier", org.as_str()))
                .write_inner_content(|w| {
                    text(w, "title", &m.title)?;
                    for item in &m.items {
                        write_item(w, m, item)?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    Ok(())
}

fn write_item<W: io::Write>(w: &mut Writer<W>, m: &Manifest, item: &Item) -> io::Result<()> {
    let id = format!("item-{}", xml_id(&item.id));
    let parameters = format!("?page={}", item.start);
    w.create_element("item")
        .with_attribute(("identifier", id.as_str()))
        .with_attribute(("identifierref", SCO))
        .with_attribute(("isvisible", "true"))
        .with_attribute(("parameters", parameters.as_str()))
        .write_inner_content(|w| {
            text(w, "title", &item.title)?;
            match (m.version, m.mastery_score) {
                (Version::Scorm12, Some(score)) => {
                    text(w, "adlcp:masteryscore", &format!("{}", score.round()))?
                }
                (Version::Scorm2004, Some(score)) => {
                    // The LMS hands this to the SCO as cmi.scaled_passing_score.
                    w.create_element("imsss:sequencing")
                        .write_inner_content(|w| {
                            w.create_element("imsss:objectives")
                                .write_inner_content(|w| {
                                    w.create_element("imsss:primaryObjective")
                                        .with_attribute(("objectiveID", "course"))
                                        .with_attribute(("satisfiedByMeasure", "true"))
                                        .write_inner_content(|w| {
                                            text(
                                                w,
                                                "imsss:minNormalizedMeasure",
                                                &format!("{}", score / 100.0),
                                            )
                                        })?;
                                    Ok(())
                                })?;
                            Ok(())
                        })?;
                }
                _ => {}
            }
            Ok(())
        })?;
    Ok(())
}

fn resources<W: io::Write>(w: &mut Writer<W>, m: &Manifest) -> io::Result<()> {
    let scorm_type = match m.version {
        Version::Scorm12 => "adlcp:scormtype",
        Version::Scorm2004 => "adlcp:scormType",
    };
    w.create_element("resources").write_inner_content(|w| {
        w.create_element("resource")
            .with_attribute(("identifier", SCO))
            .with_attribute(("type", "webcontent"))
            .with_attribute((scorm_type, "sco"))
            .with_attribute(("href", m.launch.as_str()))
            .write_inner_content(|w| {
                w.create_element("file")
                    .with_attribute(("href", m.launch.as_str()))
                    .write_empty()?;
                w.create_element("dependency")
                    .with_attribute(("identifierref", FILES))
                    .write_empty()?;
                Ok(())
            })?;
        w.create_element("resource")
            .with_attribute(("identifier", FILES))
            .with_attribute(("type", "webcontent"))
            .with_attribute((scorm_type, "asset"))
            .write_inner_content(|w| {
                for file in &m.files {
                    w.create_element("file")
                        .with_attribute(("href", file.as_str()))
                        .write_empty()?;
                }
                Ok(())
            })?;
        Ok(())
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(version: Version) -> Manifest {
        Manifest {
            version,
            identifier: "Курс 1".into(),
            title: "Аккаунт & <менеджер>".into(),
            items: vec![Item {
                id: "step-1".into(),
                title: "Шаг \"один\"".into(),
                start: "profession/index.html".into(),
            }],
            mastery_score: Some(80.0),
            launch: LAUNCH_PAGE.into(),
            files: vec!["index.html".into(), "static/a b.js".into()],
        }
    }

    #[test]
    fn ids_are_xml_names() {
        assert_eq!(xml_id("step-1"), "step-1");
        assert_eq!(xml_id("1 шаг"), "x-1____");
        assert_eq!(xml_id("a:b"), "a_b");
    }

    #[test]
    fn scorm12_manifest_has_the_required_elements_escaped() {
        let xml = write(&manifest(Version::Scorm12)).unwrap();
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        for needle in [
            "xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\"",
            "<schemaversion>1.2</schemaversion>",
            "<organizations default=\"_____1-org\">",
            "<title>Аккаунт &amp; &lt;менеджер&gt;</title>",
            "<title>Шаг &quot;один&quot;</title>",
            "identifierref=\"kurator-sco\"",
            "parameters=\"?page=profession/index.html\"",
            "<adlcp:masteryscore>80</adlcp:masteryscore>",
            "adlcp:scormtype=\"sco\" href=\"scorm-launch.html\"",
            "<file href=\"static/a b.js\"/>",
        ] {
            assert!(xml.contains(needle), "{needle} missing in\n{xml}");
        }
    }

    #[test]
    fn scorm2004_manifest_has_the_required_elements() {
        let xml = write(&manifest(Version::Scorm2004)).unwrap();
        for needle in [
            "xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\"",
            "<schemaversion>2004 4th Edition</schemaversion>",
            "adlcp:scormType=\"sco\"",
            "adlcp:scormType=\"asset\"",
            "<imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>",
        ] {
            assert!(xml.contains(needle), "{needle} missing in\n{xml}");
        }
    }
}
