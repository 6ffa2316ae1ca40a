//! The questionnaire files shipped with the platform, compiled in so the binary carries them.

pub const SOURCES: [(&str, &str); 4] = [
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
    (
        "questionnaires/dma.toml",
        include_str!("../../questionnaires/dma.toml"),
    ),
];
