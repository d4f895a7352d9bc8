//! Checking an organisation's values: every text for characters that could
//! make a poster lie and for its length, web and e-mail addresses for their
//! shape, phone numbers against the UK plan, images for where they are and
//! how large. Each problem is placed at its key by a `Locate`.

use super::{
    MAX_EMAIL, MAX_ORG_NAME, MAX_PERSON_NAME, MAX_TITLE, MAX_WEBSITE, MAX_WHERE, OrgConfig,
    PersonConfig, ServiceConfig, slug,
};
use crate::diag::{Diagnostic, shown};
use crate::fonts::FontBook;
use crate::images::{ImageCache, ImageFiles, load_image};
use crate::model::{Locate, Org, OrgKind, Person, Pixels, Service};
use crate::phone::parse_uk_phone;
use crate::text_safety::{describe_char, is_blank, refused_char};
use crate::units::Color;
use std::sync::Arc;

/// The longest phone number, file path or colour value looked at.
const MAX_SHORT_VALUE: usize = 40;
const MAX_PATH: usize = 255;

/// Check an organisation's values and decode its images (from `images`, the
/// files beside its `org.toml` or CSV), its text against the fonts in `book`.
pub fn validate(
    config: OrgConfig,
    images: &dyn ImageFiles,
    cache: &mut ImageCache,
    at: &dyn Locate,
    book: &FontBook,
) -> Result<Org, Vec<Diagnostic>> {
    let mut c = Check {
        at,
        images,
        cache,
        book,
        errors: Vec::new(),
    };
    let name = c.required(
        "name",
        &config.name,
        MAX_ORG_NAME,
        Diagnostic::error("the organisation has no name")
            .with_hint("set `name`, e.g. `name = \"Example Academy\"`"),
    );
    let kind = c.kind(config.kind.as_deref());
    let website = c.website(config.website.as_deref());
    let brand = c.brand(config.brand_colour.as_deref());
    let logo = c.image("logo", config.logo.as_deref());
    let dsl = c.person("dsl", config.dsl);
    let deputy_dsl = c.person("deputy-dsl", config.deputy_dsl);
    let childrens_services = c.service("childrens-services", config.childrens_services);
    let out_of_hours = c.service("out-of-hours", config.out_of_hours);
    match name {
        Some(name) if c.errors.is_empty() => Ok(Org {
            slug: slug(&name),
            name,
            kind,
            logo,
            website,
            brand,
            dsl,
            deputy_dsl,
            childrens_services,
            out_of_hours,
            origin: None,
        }),
        _ => Err(c.errors),
    }
}

/// The state of one organisation's check.
struct Check<'a> {
    at: &'a dyn Locate,
    images: &'a dyn ImageFiles,
    cache: &'a mut ImageCache,
    book: &'a FontBook,
    errors: Vec<Diagnostic>,
}

impl Check<'_> {
    fn error(&mut self, key: &str, d: Diagnostic) {
        self.errors.push(self.at.locate(key, d.for_field(key)));
    }

    /// A text value, trimmed; `None` if absent or blank (only spaces and
    /// invisible characters), or wrong (the error recorded).
    fn text(&mut self, key: &str, value: Option<&str>, max: usize) -> Option<String> {
        let value = value.filter(|v| !is_blank(v))?.trim();
        if let Some((c, why)) = value.chars().find_map(|c| refused_char(c).map(|w| (c, w))) {
            let d = Diagnostic::error(format!(
                "`{key}` has {}, {}",
                describe_char(c),
                why.explain()
            ))
            .with_hint("delete it: type the value again, or paste it as plain text");
            self.error(key, d);
            return None;
        }
        let len = value.chars().count();
        if len > max {
            let d = Diagnostic::error(format!(
                "`{key}` is {len} characters long ({}); the limit is {max}",
                shown(value)
            ))
            .with_hint(format!(
                "shorten it: every product is designed for a `{key}` of up to {max} characters"
            ));
            self.error(key, d);
            return None;
        }
        let unprintable = value
            .chars()
            .find(|c| !matches!(c, '\u{200C}' | '\u{200D}') && !self.book.any_covers(*c));
        if let Some(c) = unprintable {
            let d = Diagnostic::error(format!(
                "`{key}` has U+{:04X} `{c}`, which no font cse-pack ships can print",
                c as u32
            ))
            .with_hint("leave the character out (emoji and symbols cannot be printed)");
            self.error(key, d);
            return None;
        }
        Some(value.to_string())
    }

    /// A text value that must be there: `missing` if it is blank.
    fn required(
        &mut self,
        key: &str,
        value: &str,
        max: usize,
        missing: Diagnostic,
    ) -> Option<String> {
        if is_blank(value) {
            self.error(key, missing);
            return None;
        }
        self.text(key, Some(value), max)
    }

    fn kind(&mut self, value: Option<&str>) -> OrgKind {
        let Some(v) = self.text("kind", value, MAX_SHORT_VALUE) else {
            return OrgKind::default();
        };
        OrgKind::parse(&v).unwrap_or_else(|| {
            let kinds: Vec<String> = OrgKind::ALL
                .iter()
                .map(|k| format!("`{}`", k.as_str()))
                .collect();
            self.error(
                "kind",
                Diagnostic::error(format!(
                    "`kind` is {}, which is not a kind cse-pack knows",
                    shown(&v)
                ))
                .with_hint(format!("write one of {}", kinds.join(", "))),
            );
            OrgKind::default()
        })
    }

    fn website(&mut self, value: Option<&str>) -> Option<String> {
        let v = self.text("website", value, MAX_WEBSITE)?;
        match check_url(&v) {
            Ok(()) => Some(v),
            Err((message, hint)) => {
                let d = Diagnostic::error(format!("`website` {} {message}", shown(&v)));
                self.error("website", d.with_hint(hint));
                None
            }
        }
    }

    fn brand(&mut self, value: Option<&str>) -> Option<Color> {
        let v = self.text("brand-colour", value, MAX_SHORT_VALUE)?;
        let checked = Color::parse(&v)
            .map_err(|m| Diagnostic::error(format!("`brand-colour`: {m}")))
            .and_then(|c| check_brand(c).map(|()| c));
        checked.map_err(|d| self.error("brand-colour", d)).ok()
    }

    fn image(&mut self, key: &str, value: Option<&str>) -> Option<Arc<Pixels>> {
        let rel = self.text(key, value, MAX_PATH)?;
        load_image(self.images, &rel, key, self.cache)
            .map_err(|d| self.error(key, d))
            .ok()
    }

    fn phone(&mut self, key: &str, value: Option<&str>) -> Option<String> {
        let v = self.text(key, value, MAX_SHORT_VALUE)?;
        parse_uk_phone(&v)
            .map_err(|why| {
                let d = Diagnostic::error(format!("`{key}`: {why}")).with_hint(
                    "write it as dialled in the UK, e.g. `0121 496 0000`, or with an extension, `0121 496 0000 ext 204`",
                );
                self.error(key, d);
            })
            .ok()
    }

    fn email(&mut self, key: &str, value: Option<&str>) -> Option<String> {
        let v = self.text(key, value, MAX_EMAIL)?;
        match check_email(&v) {
            Ok(()) => Some(v),
            Err(why) => {
                let d = Diagnostic::error(format!("`{key}` {} {why}", shown(&v)))
                    .with_hint("write the address alone, e.g. `dsl@example-academy.org.uk`");
                self.error(key, d);
                None
            }
        }
    }

    /// `[dsl]` or `[deputy-dsl]`. A table whose every value is empty (as
    /// `cse-pack init` writes it) is no person.
    fn person(&mut self, table: &str, p: Option<PersonConfig>) -> Option<Person> {
        let p = p?;
        let others = [&p.title, &p.phone, &p.email, &p.location, &p.photo];
        if is_blank(&p.name) && others.iter().all(|v| v.as_deref().is_none_or(is_blank)) {
            return None;
        }
        let key = |leaf: &str| format!("{table}.{leaf}");
        let missing = Diagnostic::error(format!("`{table}.name` is empty")).with_hint(format!(
            "set `name` under `[{table}]`, or delete the whole `[{table}]` table"
        ));
        let name = self.required(&key("name"), &p.name, MAX_PERSON_NAME, missing);
        let person = Person {
            name: String::new(),
            title: self.text(&key("title"), p.title.as_deref(), MAX_TITLE),
            phone: self.phone(&key("phone"), p.phone.as_deref()),
            email: self.email(&key("email"), p.email.as_deref()),
            location: self.text(&key("where"), p.location.as_deref(), MAX_WHERE),
            photo: self.image(&key("photo"), p.photo.as_deref()),
        };
        Some(Person {
            name: name?,
            ..person
        })
    }

    fn service(&mut self, table: &str, s: Option<ServiceConfig>) -> Option<Service> {
        let s = s?;
        let name = self.text(&format!("{table}.name"), s.name.as_deref(), MAX_WHERE);
        let key = format!("{table}.phone");
        if is_blank(&s.phone) {
            if s.name.as_deref().is_some_and(|n| !is_blank(n)) {
                let d = Diagnostic::error(format!("`{key}` is empty"))
                    .with_hint(format!("give the number, or delete the `[{table}]` table"));
                self.error(&key, d);
            }
            return None;
        }
        let phone = self.phone(&key, Some(&s.phone))?;
        Some(Service { name, phone })
    }
}

/// A web address readers can trust: http or https, a host name with a dot,
/// no user name or password (`https://www.nspcc.org.uk@evil.example/` goes
/// to `evil.example`), no spaces. The error is a message and a hint.
fn check_url(v: &str) -> Result<(), (String, String)> {
    let example = "write it in full, e.g. `https://www.example-academy.org.uk/safeguarding`";
    let err = |m: &str, h: &str| Err((m.to_string(), h.to_string()));
    if v.chars().any(char::is_whitespace) {
        return err(
            "has a space or line break in it; a web address has none",
            example,
        );
    }
    if !v.contains("://") {
        return err(
            "does not start with `https://`",
            &format!("write `https://{v}`"),
        );
    }
    let url = match url::Url::parse(v) {
        Ok(u) => u,
        Err(e) => return err(&format!("is not a web address ({e})"), example),
    };
    if !matches!(url.scheme(), "https" | "http") {
        return err(
            &format!(
                "starts `{}:`; only https and http addresses are printed",
                url.scheme()
            ),
            example,
        );
    }
    if !url.username().is_empty() || url.password().is_some() {
        let host = url.host_str().unwrap_or_default().to_string();
        return err(
            &format!("has a user name or password before `@`, so it leads to `{host}`"),
            "give the page's address as the browser's address bar shows it",
        );
    }
    match url.host() {
        Some(url::Host::Domain(d)) if d.contains('.') && !d.ends_with('.') => Ok(()),
        Some(url::Host::Domain(_)) | None => err(
            "has no site name with a dot in it (like `www.example.org.uk`)",
            example,
        ),
        Some(_) => err("names its site by number; give the site's name", example),
    }
}

/// An e-mail address's shape: one `@`, something before it, a domain with a
/// dot after it, no spaces.
fn check_email(v: &str) -> Result<(), &'static str> {
    if v.chars().any(char::is_whitespace) {
        return Err("has a space in it; an e-mail address has none");
    }
    if v.to_ascii_lowercase().starts_with("mailto:") {
        return Err("starts with `mailto:`; give the address alone");
    }
    let Some((local, domain)) = v.split_once('@') else {
        return Err("has no `@`; it is not an e-mail address");
    };
    let labels_ok = domain
        .split('.')
        .all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'));
    if local.is_empty() || domain.contains('@') || !domain.contains('.') || !labels_ok {
        return Err("is not the shape of an e-mail address (`name@example.org.uk`)");
    }
    Ok(())
}

/// White text on the brand colour must meet WCAG AA (4.5:1); if not, the hint
/// names the nearest darker shade that does.
pub fn check_brand(c: Color) -> Result<(), Diagnostic> {
    let ratio = c.contrast(Color::WHITE);
    if ratio >= 4.5 {
        return Ok(());
    }
    let mut shade = c;
    for step in 1..=100 {
        let t = 1.0 - step as f32 / 100.0;
        let s = |v: u8| (f32::from(v) * t).round() as u8;
        shade = Color::rgb(s(c.r), s(c.g), s(c.b));
        if shade.contrast(Color::WHITE) >= 4.5 {
            break;
        }
    }
    Err(Diagnostic::error(format!(
        "brand colour {c} gives white text a contrast of {ratio:.1}:1, below the 4.5:1 that WCAG AA requires"
    ))
    .with_hint(format!("the nearest darker shade that passes is {shade}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brand_colours_need_aa_contrast_with_white() {
        let err = check_brand(Color::parse("#FFE600").unwrap()).unwrap_err();
        assert!(err.message.contains("below the 4.5:1"), "{}", err.message);
        let hint = &err.hints[0];
        let shade = Color::parse(hint.rsplit(' ').next().unwrap()).unwrap();
        assert!(shade.contrast(Color::WHITE) >= 4.5);
        assert!(check_brand(Color::parse("#005EA5").unwrap()).is_ok());
    }

    #[test]
    fn web_addresses_lead_where_they_say() {
        for ok in [
            "https://www.example-academy.org.uk/safeguarding",
            "http://example.org",
            "https://www.st-marys.sch.uk/about-us/keeping-children-safe/?tab=2#who",
        ] {
            assert_eq!(check_url(ok), Ok(()), "{ok}");
        }
        let why = |v| check_url(v).unwrap_err().0;
        assert!(why("https://").contains("not a web address"));
        assert!(why("https://www.nspcc.org.uk@evil.example/").contains("leads to `evil.example`"));
        assert!(why("https://user:pw@example.org/").contains("user name or password"));
        assert!(why("https://exa mple.org").contains("space"));
        assert!(why("https://example.org/\nx").contains("line break"));
        assert!(why("https://localhost/").contains("no site name with a dot"));
        assert!(why("https://192.168.0.1/").contains("by number"));
        assert!(why("ftp://example.org/").contains("starts `ftp:`"));
        assert!(why("javascript://example.org/%0aalert(1)").contains("starts `javascript:`"));
        assert!(why("www.example.org").contains("does not start with `https://`"));
    }

    #[test]
    fn e_mail_addresses_have_their_shape() {
        for ok in [
            "dsl@example-academy.org.uk",
            "safeguarding.lead@st-marys.sch.uk",
        ] {
            assert_eq!(check_email(ok), Ok(()), "{ok}");
        }
        for bad in [
            "dsl",
            "@example.org",
            "a@b",
            "a@@b.org",
            "a@b..org",
            "mailto:a@b.org",
            "a b@c.org",
        ] {
            assert!(check_email(bad).is_err(), "{bad}");
        }
    }
}
