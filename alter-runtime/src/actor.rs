//! The actor (AI agent or MCP server) on whose behalf calls are made.

use crate::error::{Error, Result};

/// Longest accepted actor string or tracking id.
pub(crate) const MAX_HEADER_STRING: usize = 255;

/// The AI agent or MCP server making the calls, announced to the vault in
/// `X-Alter-Actor-*` headers so that its calls are attributed to it.
///
/// ```
/// use alter_runtime::Actor;
/// let actor = Actor::ai_agent("email-assistant-v2")
///     .name("Email Assistant")
///     .version("2.0.0")
///     .framework("langgraph");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use = "an actor does nothing until given to `AlterVaultBuilder::actor`"]
pub struct Actor {
    pub(crate) actor_type: String,
    pub(crate) identifier: String,
    pub(crate) name: Option<String>,
    pub(crate) version: Option<String>,
    pub(crate) framework: Option<String>,
    pub(crate) client_type: Option<String>,
}

impl Actor {
    /// An AI agent (`ai_agent`) with a stable identifier.
    pub fn ai_agent(identifier: impl Into<String>) -> Actor {
        Actor::with_type("ai_agent", identifier)
    }

    /// An MCP server (`mcp_server`) with a stable identifier.
    pub fn mcp_server(identifier: impl Into<String>) -> Actor {
        Actor::with_type("mcp_server", identifier)
    }

    /// An actor whose type is given as a string, as in the official client's
    /// configuration. Only `ai_agent` and `mcp_server` pass `build()`.
    pub fn with_type(actor_type: impl Into<String>, identifier: impl Into<String>) -> Actor {
        Actor {
            actor_type: actor_type.into(),
            identifier: identifier.into(),
            name: None,
            version: None,
            framework: None,
            client_type: None,
        }
    }

    /// A human-readable name (`X-Alter-Actor-Name`). Default: none.
    pub fn name(mut self, name: impl Into<String>) -> Actor {
        self.name = Some(name.into());
        self
    }

    /// The actor's version (`X-Alter-Actor-Version`). Default: none.
    pub fn version(mut self, version: impl Into<String>) -> Actor {
        self.version = Some(version.into());
        self
    }

    /// The AI framework, such as `langgraph` (`X-Alter-Framework`).
    /// Default: none.
    pub fn framework(mut self, framework: impl Into<String>) -> Actor {
        self.framework = Some(framework.into());
        self
    }

    /// The MCP client type, such as `cursor` (`X-Alter-Client-Type`).
    /// Default: none.
    pub fn client_type(mut self, client_type: impl Into<String>) -> Actor {
        self.client_type = Some(client_type.into());
        self
    }

    /// The actor type: `ai_agent` or `mcp_server`.
    pub fn actor_type(&self) -> &str {
        &self.actor_type
    }

    /// The actor's identifier.
    pub fn identifier(&self) -> &str {
        &self.identifier
    }

    /// Checks the actor as the vault's `build()` does.
    pub(crate) fn validate(&self) -> Result<()> {
        if self.actor_type != "ai_agent" && self.actor_type != "mcp_server" {
            return Err(Error::config(
                "actor type must be `ai_agent` or `mcp_server`",
            ));
        }
        if self.identifier.is_empty() {
            return Err(Error::config("an actor needs a non-empty identifier"));
        }
        for (field, value) in self.strings() {
            check_actor_string(field, value)?;
        }
        Ok(())
    }

    /// The actor's backend headers, in a stable order.
    pub(crate) fn headers(&self) -> Vec<(&'static str, &str)> {
        let mut headers = vec![("X-Alter-Actor-Type", self.actor_type.as_str())];
        for (field, value) in self.strings() {
            let name = match field {
                "identifier" => "X-Alter-Actor-Identifier",
                "name" => "X-Alter-Actor-Name",
                "version" => "X-Alter-Actor-Version",
                "framework" => "X-Alter-Framework",
                _ => "X-Alter-Client-Type",
            };
            if !value.is_empty() {
                headers.push((name, value));
            }
        }
        headers
    }

    fn strings(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [
            ("identifier", Some(&self.identifier)),
            ("name", self.name.as_ref()),
            ("version", self.version.as_ref()),
            ("framework", self.framework.as_ref()),
            ("client type", self.client_type.as_ref()),
        ]
        .into_iter()
        .filter_map(|(field, value)| value.map(|v| (field, v.as_str())))
    }
}

/// Whether a string is 1 to 255 printable ASCII characters.
pub(crate) fn is_header_safe(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= MAX_HEADER_STRING
        && value.bytes().all(|b| (0x20..=0x7e).contains(&b))
}

fn check_actor_string(field: &str, value: &str) -> Result<()> {
    if value.len() > MAX_HEADER_STRING {
        return Err(Error::config(format!(
            "actor {field} is longer than {MAX_HEADER_STRING} characters"
        )));
    }
    if !value.is_empty() && !is_header_safe(value) {
        return Err(Error::config(format!(
            "actor {field} may hold printable ASCII characters only"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_actor_gives_all_headers() {
        let actor = Actor::ai_agent("agent-1")
            .name("Agent")
            .version("1.0")
            .framework("langgraph")
            .client_type("cursor");
        assert!(actor.validate().is_ok());
        assert_eq!(
            actor.headers(),
            vec![
                ("X-Alter-Actor-Type", "ai_agent"),
                ("X-Alter-Actor-Identifier", "agent-1"),
                ("X-Alter-Actor-Name", "Agent"),
                ("X-Alter-Actor-Version", "1.0"),
                ("X-Alter-Framework", "langgraph"),
                ("X-Alter-Client-Type", "cursor"),
            ]
        );
    }

    #[test]
    fn bad_actors_are_configuration_errors() {
        let bad = [
            Actor::with_type("robot", "x"),
            Actor::mcp_server(""),
            Actor::ai_agent("x".repeat(256)),
            Actor::ai_agent("ok").name("tab\there"),
            Actor::ai_agent("ok").version("caf\u{e9}"),
        ];
        for actor in bad {
            assert!(matches!(actor.validate(), Err(Error::Configuration { .. })));
        }
        assert!(Actor::ai_agent("x".repeat(255)).validate().is_ok());
    }
}
