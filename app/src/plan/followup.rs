//! When a plan's follow-up mails go out (pure): one, three and six months after the assessment
//! was finalised a look at the open steps, and on the day the company chose (twelve months by
//! default) the invitation to repeat the assessment. A server that was down for a while sends
//! only the latest mail that became due, never a backlog.

/// Days after finalising for the three look-backs.
pub const CHECK_DAYS: [i64; 3] = [30, 91, 182];
/// Days after finalising for the invitation to repeat, when the company chose no date.
pub const REASSESS_DAYS: i64 = 365;
/// Number of follow-ups: three look-backs and the invitation.
pub const STAGES: i32 = 4;

const DAY: i64 = 24 * 3600;

/// Which mail a stage is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FollowUp {
    /// How far the plan is, after this many months (1, 3 or 6).
    Check { months: u8 },
    /// Time to repeat the assessment.
    Reassess,
}

/// The moment stage `n` (1-based) is due.
fn stage_at(n: i32, finalised_at: i64, reassess_at: i64) -> i64 {
    match n {
        1..=3 => finalised_at + CHECK_DAYS[(n - 1) as usize] * DAY,
        _ => reassess_at,
    }
}

fn stage_mail(n: i32) -> FollowUp {
    match n {
        1 => FollowUp::Check { months: 1 },
        2 => FollowUp::Check { months: 3 },
        3 => FollowUp::Check { months: 6 },
        _ => FollowUp::Reassess,
    }
}

/// The default day to repeat the assessment: a year after finalising.
pub fn default_reassess_at(finalised_at: i64) -> i64 {
    finalised_at + REASSESS_DAYS * DAY
}

/// When the next mail is due after `sent` stages, or `None` when all went out. An invitation
/// chosen earlier than a look-back comes first and ends the series.
pub fn next_at(sent: i32, finalised_at: i64, reassess_at: i64) -> Option<i64> {
    ((sent + 1)..=STAGES)
        .map(|n| stage_at(n, finalised_at, reassess_at))
        .min()
}

/// The mail to send at `now` after `sent` stages: the latest stage that is due (earlier ones
/// that were missed are skipped), with the new count of stages sent.
pub fn due(sent: i32, finalised_at: i64, reassess_at: i64, now: i64) -> Option<(i32, FollowUp)> {
    ((sent + 1)..=STAGES)
        .filter(|&n| stage_at(n, finalised_at, reassess_at) <= now)
        .max_by_key(|&n| (stage_at(n, finalised_at, reassess_at), n))
        .map(|n| {
            // The invitation ends the series, whenever it falls.
            let new_sent = if n == STAGES { STAGES } else { n };
            (new_sent, stage_mail(n))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const F: i64 = 1_800_000_000;

    #[test]
    fn one_three_and_six_months_then_the_invitation() {
        let r = default_reassess_at(F);
        assert_eq!(next_at(0, F, r), Some(F + 30 * DAY));
        assert_eq!(due(0, F, r, F + 29 * DAY), None);
        assert_eq!(
            due(0, F, r, F + 30 * DAY),
            Some((1, FollowUp::Check { months: 1 }))
        );
        assert_eq!(next_at(1, F, r), Some(F + 91 * DAY));
        assert_eq!(
            due(1, F, r, F + 91 * DAY),
            Some((2, FollowUp::Check { months: 3 }))
        );
        assert_eq!(
            due(2, F, r, F + 182 * DAY),
            Some((3, FollowUp::Check { months: 6 }))
        );
        assert_eq!(next_at(3, F, r), Some(r));
        assert_eq!(due(3, F, r, r), Some((4, FollowUp::Reassess)));
        assert_eq!(next_at(4, F, r), None);
        assert_eq!(due(4, F, r, r + 100 * DAY), None);
    }

    #[test]
    fn after_a_long_pause_only_the_latest_mail_goes_out() {
        let r = default_reassess_at(F);
        assert_eq!(
            due(0, F, r, F + 200 * DAY),
            Some((3, FollowUp::Check { months: 6 }))
        );
    }

    #[test]
    fn an_early_invitation_comes_first_and_ends_the_series() {
        let r = F + 120 * DAY;
        assert_eq!(next_at(1, F, r), Some(F + 91 * DAY));
        assert_eq!(next_at(2, F, r), Some(r));
        assert_eq!(due(2, F, r, r), Some((4, FollowUp::Reassess)));
        assert_eq!(next_at(4, F, r), None);
    }
}
