//! The `server` command line, parsed by clap: unknown commands and flags are errors with a
//! hint, and `server --help` / `server <command> --help` describe every option.

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "server",
    version,
    about = "The Smart Industry Hub platform: runs the site, migrates the database, makes the \
             first administrator and fills a training database with demo data. Settings come \
             from environment variables (see README.md)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the platform (also what `server` without a command does).
    Serve,
    /// Create or update the database, then exit.
    Migrate,
    /// Create (or promote) an administrator. The password is read from SIH_ADMIN_PASSWORD or,
    /// when unset, typed at the terminal without echo (or read from standard input).
    CreateAdmin {
        /// The administrator's e-mail address.
        #[arg(long)]
        email: String,
        /// The name shown in the staff workspace.
        #[arg(long, default_value = "Beheerder")]
        name: String,
    },
    /// Fill the database with generated demo data; refuses a database with real data unless
    /// --force.
    DemoData(DemoOptions),
}

/// How much demo data, from which seed.
#[derive(Debug, Args, Clone, PartialEq, Eq)]
pub struct DemoOptions {
    /// Number of assessments to generate (1 to 1000000).
    #[arg(long, default_value_t = 300, value_parser = assessments_in_range)]
    pub assessments: usize,
    /// Another seed gives another, equally reproducible, data set.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
    /// Add demo data to a database that holds other data too.
    #[arg(long)]
    pub force: bool,
}

pub const MAX_DEMO_ASSESSMENTS: usize = 1_000_000;

fn assessments_in_range(text: &str) -> Result<usize, String> {
    text.parse()
        .ok()
        .filter(|n| (1..=MAX_DEMO_ASSESSMENTS).contains(n))
        .ok_or_else(|| format!("must be a number from 1 to {MAX_DEMO_ASSESSMENTS}"))
}

/// The demo-data options from the words after `demo-data` (for the tests and scripts that
/// call the generator directly).
pub fn demo_options<I, S>(args: I) -> Result<DemoOptions, String>
where
    I: IntoIterator<Item = S>,
    S: Into<std::ffi::OsString> + Clone,
{
    #[derive(Parser)]
    #[command(name = "demo-data")]
    struct Only {
        #[command(flatten)]
        options: DemoOptions,
    }
    let words = std::iter::once(std::ffi::OsString::from("demo-data"))
        .chain(args.into_iter().map(Into::into));
    Only::try_parse_from(words)
        .map(|only| only.options)
        .map_err(|e| e.to_string())
}

/// The new administrator's password: from the environment (scripts), else typed at the
/// terminal without echo, else one line of standard input (a pipe).
pub fn admin_password(email: &str) -> Result<String, String> {
    use std::io::{BufRead, IsTerminal};
    if let Ok(p) = std::env::var("SIH_ADMIN_PASSWORD") {
        if !p.is_empty() {
            return Ok(p);
        }
    }
    let prompt = format!("password for {email}: ");
    if std::io::stdin().is_terminal() {
        return rpassword::prompt_password(prompt).map_err(|e| e.to_string());
    }
    eprintln!("{prompt}");
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| e.to_string())?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_options_have_defaults_and_bounds() {
        let none: [&str; 0] = [];
        let defaults = demo_options(none).expect("defaults");
        assert_eq!((defaults.assessments, defaults.seed), (300, 2026));
        assert!(!defaults.force);
        let set = demo_options(["--assessments", "40", "--seed", "7", "--force"]).expect("set");
        assert_eq!((set.assessments, set.seed, set.force), (40, 7, true));
        assert!(demo_options(["--assessments", "0"]).is_err());
        assert!(demo_options(["--assessments", "1000001"]).is_err());
        assert!(demo_options(["--assesments", "5"]).is_err());
    }

    #[test]
    fn unknown_commands_and_flags_are_errors() {
        assert!(Cli::try_parse_from(["server", "serv"]).is_err());
        assert!(Cli::try_parse_from(["server", "create-admin", "--name", "x"]).is_err());
        assert!(Cli::try_parse_from(["server", "migrate", "--now"]).is_err());
        let ok = Cli::try_parse_from(["server", "create-admin", "--email", "a@b.nl"]).expect("ok");
        assert!(matches!(
            ok.command,
            Some(Command::CreateAdmin { ref name, .. }) if name == "Beheerder"
        ));
        assert!(Cli::try_parse_from(["server"])
            .expect("bare")
            .command
            .is_none());
    }
}
