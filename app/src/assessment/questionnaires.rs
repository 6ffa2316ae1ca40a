//! The questionnaire files shipped with the platform, compiled in so the binary carries them.

pub const SOURCES: [(&str, &str); 3] = [
    (
        "questionnaires/manufacturing.txt",
        include_str!("../../questionnaires/manufacturing.txt"),
    ),
    (
        "questionnaires/suppliers.txt",
        include_str!("../../questionnaires/suppliers.txt"),
    ),
    (
        "questionnaires/process.txt",
        include_str!("../../questionnaires/process.txt"),
    ),
];
