//! Provider ids, their default API base URLs and the hosts their tokens are
//! bound to.

use std::fmt;
use std::hash::{Hash, Hasher};

/// A provider whose OAuth connections the vault holds.
///
/// The named variants are the providers the SDK knows; any other id is
/// accepted through [`Provider::Other`] (or `Provider::from("hubspot")`).
/// Providers compare by id, so `Provider::Other("google".into())` is
/// [`Provider::Google`], with the same default hosts and base URL.
///
/// More providers may become named variants in later versions (and compare
/// equal to their `Other` spelling), so a `match` needs a wildcard arm:
///
/// ```compile_fail
/// # use alter_runtime::Provider;
/// fn label(provider: &Provider) -> &'static str {
///     match provider {
///         Provider::Google => "Google",
///         Provider::Github => "GitHub",
///         Provider::Slack => "Slack",
///         Provider::Microsoft => "Microsoft",
///         Provider::Salesforce => "Salesforce",
///         Provider::Sentry => "Sentry",
///         Provider::Notion => "Notion",
///         Provider::Other(_) => "other",
///     }
/// }
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Provider {
    /// Google (`google`).
    Google,
    /// GitHub (`github`).
    Github,
    /// Slack (`slack`).
    Slack,
    /// Microsoft Graph (`microsoft`).
    Microsoft,
    /// Salesforce (`salesforce`).
    Salesforce,
    /// Sentry (`sentry`).
    Sentry,
    /// Notion (`notion`).
    Notion,
    /// Any other provider id, sent to the vault as given.
    Other(String),
}

const KNOWN: [Provider; 7] = [
    Provider::Google,
    Provider::Github,
    Provider::Slack,
    Provider::Microsoft,
    Provider::Salesforce,
    Provider::Sentry,
    Provider::Notion,
];

impl Provider {
    /// The provider id sent to the vault, such as `"google"`.
    pub fn as_str(&self) -> &str {
        match self {
            Provider::Google => "google",
            Provider::Github => "github",
            Provider::Slack => "slack",
            Provider::Microsoft => "microsoft",
            Provider::Salesforce => "salesforce",
            Provider::Sentry => "sentry",
            Provider::Notion => "notion",
            Provider::Other(id) => id,
        }
    }

    /// The default base URL of the provider's API, used by typed endpoints.
    ///
    /// Salesforce has none (every organisation has its own instance URL), nor
    /// has any provider the SDK does not know.
    pub fn default_base_url(&self) -> Option<&'static str> {
        match self.as_str() {
            "google" => Some("https://www.googleapis.com"),
            "github" => Some("https://api.github.com"),
            "slack" => Some("https://slack.com/api"),
            "microsoft" => Some("https://graph.microsoft.com/v1.0"),
            "sentry" => Some("https://sentry.io/api/0"),
            "notion" => Some("https://api.notion.com/v1"),
            _ => None,
        }
    }

    /// The host patterns a token of this provider may be sent to by default.
    ///
    /// A pattern `*.example.com` matches any subdomain of `example.com`. An
    /// unknown provider has none, which means it is not bound to any host
    /// unless the vault is configured with
    /// [`allow_host`](crate::AlterVaultBuilder::allow_host).
    pub fn default_hosts(&self) -> &'static [&'static str] {
        match self.as_str() {
            "google" => &["*.googleapis.com"],
            "github" => &["api.github.com", "uploads.github.com"],
            "slack" => &["slack.com"],
            "microsoft" => &["graph.microsoft.com"],
            "salesforce" => &["*.salesforce.com", "*.force.com"],
            "sentry" => &["sentry.io", "*.sentry.io"],
            "notion" => &["api.notion.com"],
            _ => &[],
        }
    }
}

impl From<&str> for Provider {
    fn from(id: &str) -> Self {
        KNOWN
            .iter()
            .find(|known| known.as_str() == id)
            .cloned()
            .unwrap_or_else(|| Provider::Other(id.to_owned()))
    }
}

impl From<String> for Provider {
    fn from(id: String) -> Self {
        Provider::from(id.as_str())
    }
}

impl From<&String> for Provider {
    fn from(id: &String) -> Self {
        Provider::from(id.as_str())
    }
}

impl From<&Provider> for Provider {
    fn from(provider: &Provider) -> Self {
        provider.clone()
    }
}

impl PartialEq for Provider {
    fn eq(&self, other: &Provider) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Provider {}

impl Hash for Provider {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_ids_map_to_variants_and_back() {
        for known in KNOWN {
            assert_eq!(Provider::from(known.as_str()), known);
        }
        assert_eq!(
            Provider::from("hubspot"),
            Provider::Other("hubspot".to_owned())
        );
        assert_eq!(Provider::from("Google"), Provider::Other("Google".into()));
        assert_eq!(Provider::Other("x".into()).to_string(), "x");
    }

    #[test]
    fn an_other_spelling_of_a_known_id_is_the_known_provider() {
        let spelled = Provider::Other("google".into());
        assert_eq!(spelled, Provider::Google);
        assert_eq!(spelled.default_hosts(), Provider::Google.default_hosts());
        assert_eq!(
            spelled.default_base_url(),
            Some("https://www.googleapis.com")
        );
        let set: std::collections::HashSet<Provider> = [spelled, Provider::Google].into();
        assert_eq!(set.len(), 1);
    }

    #[test]
    fn salesforce_and_unknown_have_no_default_base_url() {
        assert_eq!(Provider::Salesforce.default_base_url(), None);
        assert_eq!(Provider::from("acme").default_base_url(), None);
        assert_eq!(
            Provider::Microsoft.default_base_url(),
            Some("https://graph.microsoft.com/v1.0")
        );
    }
}
