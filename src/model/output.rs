//! Output shapes: the type of each result member, as botocore's parser reads
//! it from the XML.

pub enum Shape {
    Text,
    Boolean,
    Integer,
    Timestamp,
    Blob,
    List(&'static Shape),
    Map(&'static Shape, &'static Shape),
    Structure(&'static [(&'static str, Shape)]),
}
