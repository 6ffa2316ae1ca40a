//! The questionnaire files shipped with the platform, compiled in so the binary carries them.

pub const SOURCES: [(&str, &str); 3] = [
    (
        "questionnaires/manufacturing.toml",
        include_str!("../../questionnaires/manufacturing.toml"),
    ),
    (
        "questionnaires/suppliers.toml",
        include_str!("../../questionnaires/suppliers.toml"),
    ),
    (
        "questionnaires/process.toml",
        include_str!("../../questionnaires/process.toml"),
    ),
];
