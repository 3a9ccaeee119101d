//! Output shapes: the type of each result member, as botocore's parser reads
//! it from the XML.

pub enum Shape {
    Text,
    /// IAM's `policyDocumentType`: URL-encoded JSON, returned decoded (see
    /// `bridge::policy`), as botocore's `json_decode_policies` handler does.
    PolicyDocument,
    Boolean,
    Integer,
    Timestamp,
    Blob,
    List(&'static Shape),
    Map(&'static Shape, &'static Shape),
    Structure(&'static [(&'static str, Shape)]),
}
