//! Is a body XML that fastiam's fast readers may take? aws-smithy-xml reads a
//! token stream and does not check that the document is well formed, so a
//! truncated or tampered body would read as a partial result. botocore's
//! parser (expat) rejects those, and so must fastiam.

use xmlparser::{ElementEnd, Token, Tokenizer};

#[derive(Debug, PartialEq, Eq)]
pub enum Xml {
    /// One root, matching tags, nothing but white space outside the root, and
    /// only elements, attributes, text and an XML declaration: what IAM sends.
    Simple,
    /// Well formed as far as checked, but with comments, CDATA, processing
    /// instructions or a DTD: left to fastiam._wire, which reads them as botocore.
    Unusual,
    /// Not well formed: botocore's parser would fail on it.
    Malformed,
}

pub fn check(text: &str) -> Xml {
    let mut open: Vec<(&str, &str)> = Vec::new();
    let mut roots = 0;
    let mut unusual = false;
    for token in Tokenizer::from(text) {
        let Ok(token) = token else {
            return Xml::Malformed;
        };
        match token {
            Token::Declaration { .. } => {}
            Token::ElementStart { prefix, local, .. } => {
                if open.is_empty() {
                    roots += 1;
                    if roots > 1 {
                        return Xml::Malformed;
                    }
                }
                open.push((prefix.as_str(), local.as_str()));
            }
            Token::Attribute { .. } => {}
            Token::ElementEnd { end, .. } => match end {
                ElementEnd::Open => {}
                ElementEnd::Empty => {
                    open.pop();
                }
                ElementEnd::Close(prefix, local) => {
                    if open.pop() != Some((prefix.as_str(), local.as_str())) {
                        return Xml::Malformed;
                    }
                }
            },
            Token::Text { text } => {
                if open.is_empty() && !text.as_str().trim().is_empty() {
                    return Xml::Malformed;
                }
            }
            _ => unusual = true,
        }
    }
    match (roots, open.is_empty(), unusual) {
        (1, true, false) => Xml::Simple,
        (1, true, true) => Xml::Unusual,
        _ => Xml::Malformed,
    }
}

#[cfg(test)]
mod tests {
    use super::{check, Xml};

    #[test]
    fn simple_documents() {
        assert_eq!(
            check("<?xml version=\"1.0\"?>\n<a x=\"1\"><b>t &amp; u</b><c/></a>\n"),
            Xml::Simple
        );
    }

    #[test]
    fn malformed_documents() {
        for text in [
            "<a><b></a>",
            "<a>",
            "<a></a>junk",
            "<a/><b/>",
            "",
            "<a><b>x</b>",
            "x<a/>",
        ] {
            assert_eq!(check(text), Xml::Malformed, "{text}");
        }
    }

    #[test]
    fn unusual_documents() {
        assert_eq!(check("<a><![CDATA[<b>]]></a>"), Xml::Unusual);
        assert_eq!(check("<a>x<!-- c -->y</a>"), Xml::Unusual);
    }
}
