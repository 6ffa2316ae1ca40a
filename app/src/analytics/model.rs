//! What the dashboard shows and how its filters travel in the URL. Shared by browser and
//! server; no I/O.

use crate::assessment::model::Variant;
use crate::assessment::profile::{label, PROVINCES, SECTORS, SIZE_CLASSES};
use crate::codes::code_enum;
use crate::i18n::Key;
use serde::{Deserialize, Serialize};

code_enum! {
    /// How the gap heat map splits the assessments into columns.
    #[derive(Default)]
    pub enum Segment {
        #[default]
        SizeClass = "size" => FieldSizeClass,
        Province = "province" => FieldProvince,
        Sector = "sector" => FieldSector,
        Variant = "variant" => DashboardVariant,
    }
}

impl Segment {
    /// The assessment column that holds the segment (a fixed name, never user text).
    pub fn column(self) -> &'static str {
        match self {
            Segment::SizeClass => "size_class",
            Segment::Province => "province",
            Segment::Sector => "sector",
            Segment::Variant => "variant",
        }
    }

    /// The segment values in the order the forms show them.
    pub fn values(self) -> Vec<&'static str> {
        match self {
            Segment::SizeClass => SIZE_CLASSES.iter().map(|(c, _)| *c).collect(),
            Segment::Province => PROVINCES.iter().map(|(c, _)| *c).collect(),
            Segment::Sector => SECTORS.iter().map(|(c, _)| *c).collect(),
            Segment::Variant => Variant::ALL.iter().map(|v| v.code()).collect(),
        }
    }

    /// The translation of a segment value; `None` for a value the platform does not know.
    pub fn value_label(self, code: &str) -> Option<Key> {
        match self {
            Segment::SizeClass => label(&SIZE_CLASSES, code),
            Segment::Province => label(&PROVINCES, code),
            Segment::Sector => label(&SECTORS, code),
            Segment::Variant => Variant::parse(code).map(Variant::label),
        }
    }
}

/// The dashboard's filters. Unknown values in a shared URL are dropped, not trusted: the
/// server only ever compares columns with codes from the fixed lists.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardFilter {
    pub variant: Option<String>,
    pub province: Option<String>,
    pub sector: Option<String>,
    pub size_class: Option<String>,
    pub segment: Segment,
}

impl DashboardFilter {
    /// Reads the filters from URL query values (empty means "all").
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> DashboardFilter {
        let pick =
            |name: &str, segment: Segment| get(name).filter(|v| segment.value_label(v).is_some());
        DashboardFilter {
            variant: pick("variant", Segment::Variant),
            province: pick("province", Segment::Province),
            sector: pick("sector", Segment::Sector),
            size_class: pick("size", Segment::SizeClass),
            segment: get("segment")
                .and_then(|s| Segment::parse(&s))
                .unwrap_or_default(),
        }
    }

    /// Drops anything not on the fixed lists (for filters that arrive through a server call).
    pub fn checked(self) -> DashboardFilter {
        let DashboardFilter {
            variant,
            province,
            sector,
            size_class,
            segment,
        } = self;
        DashboardFilter::from_query(|name| match name {
            "variant" => variant.clone(),
            "province" => province.clone(),
            "sector" => sector.clone(),
            "size" => size_class.clone(),
            "segment" => Some(segment.code().to_string()),
            _ => None,
        })
    }

    /// The URL query for these filters, so a view can be shared.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        for (name, value) in [
            ("variant", &self.variant),
            ("province", &self.province),
            ("sector", &self.sector),
            ("size", &self.size_class),
        ] {
            if let Some(v) = value {
                parts.push(format!("{name}={v}"));
            }
        }
        if self.segment != Segment::default() {
            parts.push(format!("segment={}", self.segment.code()));
        }
        parts.join("&")
    }

    /// The (column, value) conditions the filters put on assessments.
    pub fn conditions(&self) -> Vec<(&'static str, &str)> {
        [
            ("variant", &self.variant),
            ("province", &self.province),
            ("sector", &self.sector),
            ("size_class", &self.size_class),
        ]
        .into_iter()
        .filter_map(|(col, v)| v.as_deref().map(|v| (col, v)))
        .collect()
    }
}

/// The five score bands live with the scores (`assessment::scoring`): the roll-up written on
/// finalise counts in them too.
pub use crate::assessment::scoring::{band_of, BANDS};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    pub count: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TransitionAverage {
    pub key: String,
    pub name: String,
    pub current: f64,
    pub ambition: f64,
    pub assessments: i64,
    /// Assessments per score band of the current score (0-19, 20-39, …, 80-100).
    pub bands: [i64; BANDS],
    pub high: i64,
    pub medium: i64,
    pub low: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HeatRow {
    pub key: String,
    pub name: String,
    /// The average gap (ambition − current) per segment value, in the order of `segments`.
    pub gaps: Vec<Option<f64>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Funnel {
    /// Companies (organisations) with a finalised assessment that matches the filters.
    pub assessed: i64,
    /// … of which someone attended (was checked in at) an event.
    pub attended: i64,
    /// … which sent a contact request to a provider or consultant.
    pub contacted: i64,
    /// … with a contact request that staff marked "project started".
    pub project: i64,
    /// … that worked on their digitalisation plan (a change beyond the drafted plan).
    pub planned: i64,
    /// … whose plan got a consultant.
    pub guided: i64,
    /// … whose plan both sides signed off (a frozen version).
    pub agreed: i64,
    /// … that finalised a second assessment (T1).
    pub reassessed: i64,
}

impl Funnel {
    /// The stages in the order of the journey, each with its name.
    pub fn stages(&self) -> [(Key, i64); 8] {
        [
            (Key::FunnelAssessed, self.assessed),
            (Key::FunnelAttended, self.attended),
            (Key::FunnelPlanned, self.planned),
            (Key::FunnelGuided, self.guided),
            (Key::FunnelAgreed, self.agreed),
            (Key::FunnelContacted, self.contacted),
            (Key::FunnelProject, self.project),
            (Key::FunnelReassessed, self.reassessed),
        ]
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub filter: DashboardFilter,
    pub finalised: i64,
    pub drafts: i64,
    pub per_month: Vec<MonthCount>,
    /// (variant code, count) for all three variants.
    pub per_variant: Vec<(String, i64)>,
    pub transitions: Vec<TransitionAverage>,
    pub segments: Vec<String>,
    pub heat: Vec<HeatRow>,
    pub funnel: Funnel,
    /// The EU DMA's average change from T0 to T1, for companies with both.
    #[serde(default)]
    pub dma_change: Option<DmaChange>,
}

/// The EU DMA's T0 → T1 change over the companies measured twice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DmaChange {
    pub companies: u64,
    pub dimensions: Vec<DmaDimensionChange>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DmaDimensionChange {
    pub key: String,
    pub name: String,
    pub t0: f64,
    pub t1: f64,
}

code_enum! {
    /// What a programme indicator counts. Realised values are computed live from the data.
    pub enum Metric {
        /// Finalised assessments; reach: distinct companies.
        Assessments = "assessments" => MetricAssessments,
        /// Masterclasses held; reach: companies that attended.
        Masterclasses = "masterclasses" => MetricMasterclasses,
        /// Workshops held; reach: participants checked in.
        Workshops = "workshops" => MetricWorkshops,
        /// Network meetings held; reach: companies that attended.
        NetworkMeetings = "network_meetings" => MetricNetworkMeetings,
        /// Webinars held; reach: participants checked in.
        Webinars = "webinars" => MetricWebinars,
        /// Published solution-provider profiles.
        Providers = "providers" => MetricProviders,
        /// Published consultant profiles.
        Consultants = "consultants" => MetricConsultants,
        /// Contact requests sent; reach: requests that became a project.
        ContactRequests = "contact_requests" => MetricContactRequests,
        /// Digitalisation plans drafted; reach: plans for which guidance was asked.
        Plans = "plans" => MetricPlans,
        /// Plans agreed by company and consultant for the first time.
        AgreedPlans = "agreed_plans" => MetricAgreedPlans,
        /// Voucher days consultants logged (whole days, half days summed).
        VoucherDays = "voucher_days" => MetricVoucherDays,
        /// Plan steps marked done.
        StepsDone = "steps_done" => MetricStepsDone,
        /// Companies that finalised a repeat assessment.
        Reassessed = "reassessed" => MetricReassessed,
    }
}

impl Metric {
    /// What the second ("reach") figure counts, if this metric has one.
    pub fn reach_label(self) -> Option<Key> {
        match self {
            Metric::Assessments | Metric::Masterclasses | Metric::NetworkMeetings => {
                Some(Key::ReachCompanies)
            }
            Metric::Workshops | Metric::Webinars => Some(Key::ReachParticipants),
            Metric::ContactRequests => Some(Key::ReachProjects),
            Metric::Plans => Some(Key::ReachGuided),
            Metric::Providers
            | Metric::Consultants
            | Metric::AgreedPlans
            | Metric::VoucherDays
            | Metric::StepsDone
            | Metric::Reassessed => None,
        }
    }

    /// The event kind an event metric counts.
    pub fn event_kind(self) -> Option<&'static str> {
        match self {
            Metric::Masterclasses => Some("masterclass"),
            Metric::Workshops => Some("workshop"),
            Metric::NetworkMeetings => Some("network"),
            Metric::Webinars => Some("webinar"),
            _ => None,
        }
    }
}

/// Companies that repeated the assessment, and how their current level moved per transition
/// from their first finalised assessment to their latest (the programme's T0 → T1).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Reassessed {
    pub companies: i64,
    /// In the questionnaires' order; only transitions scored in both assessments.
    pub transitions: Vec<TransitionChange>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TransitionChange {
    pub key: String,
    pub name: crate::assessment::model::Text,
    /// Companies with this transition scored in both their first and latest assessment.
    pub companies: i64,
    /// Average current score (0-100) in the first and in the latest assessment.
    pub first: f64,
    pub latest: f64,
}

impl TransitionChange {
    /// The average change in points; positive is progress.
    pub fn change(&self) -> f64 {
        self.latest - self.first
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub id: i64,
    pub metric: Metric,
    pub label: String,
    pub label_nl: String,
    pub label_en: String,
    pub target: i32,
    pub reach_target: Option<i32>,
    /// First and last day of the period, `YYYY-MM-DD`.
    pub period_start: String,
    pub period_end: String,
    pub realised: i64,
    pub reach_realised: Option<i64>,
}

/// Realised as a share of the target, in whole percent (a target of 0 counts as met).
pub fn percent_of(realised: i64, target: i32) -> u32 {
    if target <= 0 {
        return 100;
    }
    ((realised.max(0) as f64 / target as f64) * 100.0).round() as u32
}

/// A checked indicator form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorInput {
    pub metric: Metric,
    pub label_nl: String,
    pub label_en: String,
    pub target: i32,
    pub reach_target: Option<i32>,
    pub period_start: i64,
    pub period_end: i64,
}

impl IndicatorInput {
    pub fn from_form(
        metric: &str,
        label_nl: &str,
        label_en: &str,
        target: &str,
        reach_target: &str,
        period_start: &str,
        period_end: &str,
    ) -> Result<IndicatorInput, crate::error::AppError> {
        use crate::error::AppError;
        let metric = Metric::parse(metric)
            .ok_or_else(|| AppError::field("metric", Key::ErrChoiceInvalid))?;
        let count = |field: &str, text: &str| -> Result<i32, AppError> {
            text.trim()
                .parse::<i32>()
                .ok()
                .filter(|n| (0..=1_000_000).contains(n))
                .ok_or_else(|| AppError::field(field, Key::ErrIndicatorNumber))
        };
        let target = count("target", target)?;
        let reach_target = match reach_target.trim() {
            "" => None,
            text => Some(count("reach_target", text)?),
        };
        let start = crate::time::parse_day(period_start)
            .ok_or_else(|| AppError::field("period_start", Key::ErrDateInvalid))?;
        let end = crate::time::parse_day(period_end)
            .ok_or_else(|| AppError::field("period_end", Key::ErrDateInvalid))?;
        if end < start {
            return Err(AppError::field("period_end", Key::ErrPeriodOrder));
        }
        let label = |text: &str| text.trim().chars().take(200).collect::<String>();
        let (label_nl, label_en) = (label(label_nl), label(label_en));
        // An empty label takes the metric's own name in that language.
        Ok(IndicatorInput {
            label_nl: if label_nl.is_empty() {
                metric.label().nl().to_string()
            } else {
                label_nl
            },
            label_en: if label_en.is_empty() {
                metric.label().en().to_string()
            } else {
                label_en
            },
            metric,
            target,
            reach_target,
            period_start: start,
            period_end: end,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn filters_round_trip_through_the_url() {
        let f = DashboardFilter::from_query(query(&[
            ("variant", "process"),
            ("province", "drenthe"),
            ("size", "20-49"),
            ("segment", "sector"),
        ]));
        assert_eq!(f.variant.as_deref(), Some("process"));
        assert_eq!(f.segment, Segment::Sector);
        assert_eq!(
            f.to_query(),
            "variant=process&province=drenthe&size=20-49&segment=sector"
        );
        let back = DashboardFilter::from_query(|name| {
            f.to_query().split('&').find_map(|p| {
                let (n, v) = p.split_once('=')?;
                (n == name).then(|| v.to_string())
            })
        });
        assert_eq!(back, f);
    }

    #[test]
    fn unknown_filter_values_are_dropped() {
        let f = DashboardFilter::from_query(query(&[
            ("province", "utrecht'; DROP TABLE assessment;--"),
            ("sector", "food"),
            ("segment", "colour"),
        ]));
        assert_eq!(f.province, None);
        assert_eq!(f.sector.as_deref(), Some("food"));
        assert_eq!(f.segment, Segment::SizeClass);
        assert_eq!(f.conditions(), vec![("sector", "food")]);
        let sneaky = DashboardFilter {
            variant: Some("x".into()),
            ..Default::default()
        };
        assert_eq!(sneaky.checked().variant, None);
    }

    #[test]
    fn percent_of_target() {
        assert_eq!(percent_of(152, 275), 55);
        assert_eq!(percent_of(9, 8), 113);
        assert_eq!(percent_of(3, 0), 100);
    }

    #[test]
    fn indicator_form_is_checked() {
        let ok = IndicatorInput::from_form(
            "assessments",
            "",
            "Assessments",
            " 275 ",
            "",
            "2020-01-01",
            "2023-12-31",
        )
        .expect("valid form");
        assert_eq!(ok.target, 275);
        assert_eq!(ok.label_nl, Key::MetricAssessments.nl());
        assert_eq!(ok.label_en, "Assessments");
        assert_eq!(ok.reach_target, None);
        let err = |m: &str, t: &str, r: &str, a: &str, b: &str| {
            IndicatorInput::from_form(m, "x", "x", t, r, a, b).err()
        };
        use crate::error::AppError;
        assert_eq!(
            err("teas", "1", "", "2020-01-01", "2020-01-02"),
            Some(AppError::field("metric", Key::ErrChoiceInvalid))
        );
        assert_eq!(
            err("webinars", "-1", "", "2020-01-01", "2020-01-02"),
            Some(AppError::field("target", Key::ErrIndicatorNumber))
        );
        assert_eq!(
            err("webinars", "1", "veel", "2020-01-01", "2020-01-02"),
            Some(AppError::field("reach_target", Key::ErrIndicatorNumber))
        );
        assert_eq!(
            err("webinars", "1", "", "2020-13-01", "2020-01-02"),
            Some(AppError::field("period_start", Key::ErrDateInvalid))
        );
        assert_eq!(
            err("webinars", "1", "", "2021-01-01", "2020-01-02"),
            Some(AppError::field("period_end", Key::ErrPeriodOrder))
        );
    }

    #[test]
    fn metric_codes_round_trip() {
        for m in Metric::ALL {
            assert_eq!(Metric::parse(m.code()), Some(m));
        }
        assert_eq!(Metric::Workshops.event_kind(), Some("workshop"));
        assert_eq!(Metric::Providers.reach_label(), None);
    }
}
