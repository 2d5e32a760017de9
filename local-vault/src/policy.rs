//! Policy evaluation with Cedar.
//!
//! Every token request is one Cedar request:
//!
//! - **principal**: `Actor::"<actor id>"` with attributes `type`, `identifier` and, when known,
//!   `name`, `version`, `framework`, `client_type`; or `ApiKey::"<key id>"` when the request
//!   names no actor;
//! - **action**: `Action::"get_token"`;
//! - **resource**: `Connection::"<connection id>"` with attributes `provider` (string),
//!   `scopes` (set of strings) and `attributes` (record of the connection's user attributes);
//! - **context**: `time` (Unix seconds), `hour` (0-23, UTC), `weekday` (0 = Monday, UTC), and,
//!   when the caller sent them, `reason`, `run_id`, `thread_id`, `tool_call_id` (test with
//!   `context has reason`).
//!
//! With no policies at all, everything is permitted. Once policies are given, Cedar's rules
//! apply: a request is allowed only when some `permit` matches and no `forbid` does. A denial
//! carries the `@reason("...")` annotation of the `forbid` policy that caused it.

use std::str::FromStr;

use cedar_policy::{
    Authorizer, Context, Decision, Entities, EntityUid, ParseErrors, PolicySet, Request,
};
use miette::Diagnostic;
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::model::ActorInfo;
use crate::records::Tracking;
use crate::store::StoredConnection;

/// Who is asking for a token.
pub(crate) enum Principal<'a> {
    Actor(&'a ActorInfo),
    ApiKey(Uuid),
}

/// Everything a policy may look at.
pub(crate) struct PolicyInput<'a> {
    pub(crate) principal: Principal<'a>,
    pub(crate) connection: &'a StoredConnection,
    pub(crate) reason: Option<&'a str>,
    pub(crate) tracking: &'a Tracking,
    pub(crate) now: i64,
}

/// The answer of the policies.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    Permit,
    Deny {
        reason: String,
        policy_ids: Vec<String>,
    },
}

/// The policy set, parsed once.
pub(crate) struct PolicyEngine {
    policies: Option<PolicySet>,
    authorizer: Authorizer,
}

/// The reason given when no `permit` policy matched.
const NO_PERMIT: &str = "no policy permits this request";

impl PolicyEngine {
    /// Parses Cedar policy text; `None` permits everything.
    pub(crate) fn new(text: Option<&str>) -> Result<PolicyEngine> {
        let policies = text
            .map(|text| {
                PolicySet::from_str(text).map_err(|e| Error::Policy(describe_errors(text, &e)))
            })
            .transpose()?;
        let permits_nothing = policies.as_ref().is_some_and(|set| {
            set.policies()
                .all(|policy| policy.effect() != cedar_policy::Effect::Permit)
        });
        if permits_nothing {
            tracing::warn!(
                target: "alter_local_vault::policy",
                "no policy is a `permit`: every token request will be denied",
            );
        }
        Ok(PolicyEngine {
            policies,
            authorizer: Authorizer::new(),
        })
    }

    /// Decides one token request.
    pub(crate) fn evaluate(&self, input: &PolicyInput<'_>) -> Verdict {
        let Some(policies) = &self.policies else {
            return Verdict::Permit;
        };
        match self.decide(policies, input) {
            Ok(verdict) => verdict,
            Err(message) => {
                tracing::warn!(
                    target: "alter_local_vault::policy",
                    error = %message,
                    "policy request could not be built",
                );
                deny(format!("policy evaluation failed: {message}"), Vec::new())
            }
        }
    }

    fn decide(
        &self,
        policies: &PolicySet,
        input: &PolicyInput<'_>,
    ) -> std::result::Result<Verdict, String> {
        let (principal, principal_entity) = principal_entity(&input.principal);
        let resource = uid("Connection", &input.connection.id.to_string())?;
        let entities = Entities::from_json_value(
            Value::Array(vec![principal_entity, connection_entity(input.connection)]),
            None,
        )
        .map_err(|e| e.to_string())?;
        let context =
            Context::from_json_value(context_json(input), None).map_err(|e| e.to_string())?;
        let action = uid("Action", "get_token")?;
        let principal = uid(principal.0, &principal.1)?;
        let request =
            Request::new(principal, action, resource, context, None).map_err(|e| e.to_string())?;

        let response = self.authorizer.is_authorized(&request, policies, &entities);
        for error in response.diagnostics().errors() {
            tracing::warn!(
                target: "alter_local_vault::policy",
                %error,
                "a policy failed to evaluate",
            );
        }
        if response.decision() == Decision::Allow {
            return Ok(Verdict::Permit);
        }
        let ids: Vec<String> = response
            .diagnostics()
            .reason()
            .map(|id| id.to_string())
            .collect();
        let reason = response
            .diagnostics()
            .reason()
            .find_map(|id| policies.annotation(id, "reason"))
            .map(str::to_string)
            .or_else(|| ids.first().map(|id| format!("denied by policy {id}")))
            .unwrap_or_else(|| NO_PERMIT.to_string());
        Ok(deny(reason, ids))
    }
}

/// Every parse error, each with the line and column (1-based) where it was found.
fn describe_errors(text: &str, errors: &ParseErrors) -> String {
    errors
        .iter()
        .map(|error| {
            let offset = error
                .labels()
                .and_then(|mut labels| labels.next())
                .map(|label| label.offset());
            match offset {
                Some(offset) => {
                    let (line, column) = line_and_column(text, offset);
                    format!("line {line}, column {column}: {error}")
                }
                None => error.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map_or(0, |last| last.chars().count())
        + 1;
    (line, column)
}

fn deny(reason: String, policy_ids: Vec<String>) -> Verdict {
    Verdict::Deny { reason, policy_ids }
}

fn uid(kind: &str, id: &str) -> std::result::Result<EntityUid, String> {
    EntityUid::from_json(json!({"type": kind, "id": id})).map_err(|e| e.to_string())
}

fn principal_entity(principal: &Principal<'_>) -> ((&'static str, String), Value) {
    match principal {
        Principal::Actor(actor) => {
            let mut attrs = Map::new();
            attrs.insert("type".into(), actor.actor_type.clone().into());
            attrs.insert("identifier".into(), actor.identifier.clone().into());
            let optional = [
                ("name", &actor.name),
                ("version", &actor.version),
                ("framework", &actor.framework),
                ("client_type", &actor.client_type),
            ];
            for (key, value) in optional {
                if let Some(value) = value {
                    attrs.insert(key.into(), value.clone().into());
                }
            }
            let id = actor.id.to_string();
            (("Actor", id.clone()), entity("Actor", &id, attrs))
        }
        Principal::ApiKey(key) => {
            let id = key.to_string();
            (("ApiKey", id.clone()), entity("ApiKey", &id, Map::new()))
        }
    }
}

fn connection_entity(connection: &StoredConnection) -> Value {
    let mut attrs = Map::new();
    attrs.insert("provider".into(), connection.provider.clone().into());
    attrs.insert("scopes".into(), json!(connection.scopes));
    let attributes = connection
        .attributes
        .iter()
        .map(|(key, value)| (key.clone(), cedar_value(value)))
        .collect();
    attrs.insert("attributes".into(), Value::Object(attributes));
    entity("Connection", &connection.id.to_string(), attrs)
}

fn entity(kind: &str, id: &str, attrs: Map<String, Value>) -> Value {
    json!({"uid": {"type": kind, "id": id}, "attrs": attrs, "parents": []})
}

fn context_json(input: &PolicyInput<'_>) -> Value {
    let mut context = Map::new();
    context.insert("time".into(), input.now.into());
    context.insert("hour".into(), (input.now.rem_euclid(86_400) / 3_600).into());
    // 1970-01-01 was a Thursday, day 3 when Monday is 0.
    context.insert(
        "weekday".into(),
        (input.now.div_euclid(86_400) + 3).rem_euclid(7).into(),
    );
    let optional = [
        ("reason", input.reason),
        ("run_id", input.tracking.run_id.as_deref()),
        ("thread_id", input.tracking.thread_id.as_deref()),
        ("tool_call_id", input.tracking.tool_call_id.as_deref()),
    ];
    for (key, value) in optional {
        if let Some(value) = value {
            context.insert(key.into(), value.into());
        }
    }
    Value::Object(context)
}

/// Cedar knows strings, booleans, integers, sets and records; anything else (floats, null, or
/// an object using Cedar's reserved `__entity`/`__extn` keys) is passed as its JSON text.
fn cedar_value(value: &Value) -> Value {
    match value {
        Value::String(_) | Value::Bool(_) => value.clone(),
        Value::Number(number) if number.is_i64() => value.clone(),
        Value::Array(items) => Value::Array(items.iter().map(cedar_value).collect()),
        Value::Object(map) if !map.keys().any(|key| key.starts_with("__")) => Value::Object(
            map.iter()
                .map(|(key, value)| (key.clone(), cedar_value(value)))
                .collect(),
        ),
        other => Value::String(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_context_has_utc_hour_and_weekday() {
        let tracking = Tracking {
            thread_id: Some("t-1".into()),
            ..Tracking::default()
        };
        let connection = StoredConnection {
            id: Uuid::nil(),
            provider: "google".into(),
            attributes: Map::new(),
            access_token: String::new(),
            refresh_token: None,
            expires_at: None,
            scopes: Vec::new(),
            token_url: None,
            client_id: None,
            client_secret: None,
            client_auth: crate::model::ClientAuth::Basic,
        };
        let input = PolicyInput {
            principal: Principal::ApiKey(Uuid::nil()),
            connection: &connection,
            reason: Some("why"),
            tracking: &tracking,
            // 2023-11-14T22:13:20Z, a Tuesday.
            now: 1_700_000_000,
        };
        assert_eq!(
            context_json(&input),
            json!({"time": 1_700_000_000, "hour": 22, "weekday": 1, "reason": "why",
                   "thread_id": "t-1"})
        );
    }

    #[test]
    fn values_cedar_cannot_hold_become_text() {
        let value = json!({"n": 1, "f": 1.5, "none": null, "list": ["a", true],
                           "odd": {"__entity": "x"}, "nested": {"k": "v"}});
        assert_eq!(
            cedar_value(&value),
            json!({"n": 1, "f": "1.5", "none": "null", "list": ["a", true],
                   "odd": "{\"__entity\":\"x\"}", "nested": {"k": "v"}})
        );
    }
}
