//! The named placeholders a template may use (`{{first_name}}`): one table of what each
//! means (for the reader here; docs/drafts.md says the same) and a long but realistic
//! sample value, which `ties check` fills a template with to
//! see whether it can overflow its channel (T502). What each one is filled with from the
//! notes is `crate::compose`'s business; this table is only the names.

/// Defines [`Fact`] and its table from one line per placeholder.
macro_rules! facts {
    ($($variant:ident $name:literal $meaning:literal $sample:literal;)*) => {
        /// A placeholder of a template.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub(crate) enum Fact {
            $($variant,)*
        }

        impl Fact {
            pub(crate) const ALL: &'static [Self] = &[$(Self::$variant,)*];
            /// The names, in the table's order (for suggestions and docs).
            pub(crate) const NAMES: &'static [&'static str] = &[$($name,)*];

            pub(crate) const fn name(self) -> &'static str {
                match self {
                    $(Self::$variant => $name,)*
                }
            }

            /// A long but realistic value: what T502 measures a template with.
            pub(crate) const fn sample(self) -> &'static str {
                match self {
                    $(Self::$variant => $sample,)*
                }
            }
        }
    };
}

facts! {
    FirstName "first_name" "their first name (the first word of `name`)"
        "Christopher";
    Name "name" "their full name"
        "Christopher Montgomery-Vasquez";
    Company "company" "the name of their company (its `name`, else the id)"
        "Front Range Health Partners";
    Title "title" "their job title"
        "Senior Software Engineer, Developer Experience";
    HowWeMet "how_we_met" "a sentence on how you know them: who introduced you, or the event where you met"
        "Christopher Montgomery suggested I get in touch with you.";
    Event "event" "the event where you met them (the latest that lists them in `met`)"
        "Denver .NET User Group: Blazor night";
    Introducer "introducer" "the name of the contact in their `introduced_by`"
        "Christopher Montgomery";
    SharedInterest "shared_interest" "your \"in\" at their company (its `in:`), as a sentence"
        "I book my own appointments through their patient portal, and a classmate works on that team.";
    MyName "my_name" "your name (`owner:` in ties.yaml)"
        "Alexandra Rivera-Thompson";
    MyFirstName "my_first_name" "your first name"
        "Alexandra";
    Chat "chat" "what the chat was, in words (coffee chat, informational interview, call)"
        "informational interview";
    ChatWhen "chat_when" "when the chat was: today, yesterday, on Tuesday, on November 4"
        "on Wednesday";
    Takeaways "takeaways" "the items under the chat's `## Takeaways`, one `- ` line each"
        "- Lead with the tool I built for my old job, not the capstone project.\n- Send a short blurb she can forward to the hiring manager.";
    Takeaway "takeaway" "the first item under the chat's `## Takeaways`"
        "Lead with the tool I built for my old job, not the capstone project.";
    Question "question" "a question from the chat's `## Notes` (the first item with a `?`)"
        "How does the apprenticeship choose between people with similar portfolios?";
    BestQuestion "best_question" "the most valuable question, from the chat's `## Reflection`"
        "Would my teaching background help or hurt in that process?";
    LastSent "last_sent" "when your last message went out: on November 9"
        "on September 30";
    SinceLast "since_last" "a sentence on what happened since your last message: people you have talked to at their company since"
        "Since then, I have talked with Christopher Montgomery and Alexandra Chen at Front Range Health Partners.";
    LastTime "last_time" "your last time in touch: our coffee chat in July, we met at … in September"
        "our informational interview in September";
}

impl Fact {
    pub(crate) fn parse(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|f| f.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_parse_back() {
        for (i, fact) in Fact::ALL.iter().enumerate() {
            assert_eq!(Fact::parse(fact.name()), Some(*fact));
            assert_eq!(Fact::NAMES[i], fact.name());
            assert!(!fact.sample().is_empty());
        }
    }
}
