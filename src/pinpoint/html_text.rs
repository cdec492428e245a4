//! An email's HTML as readable text, for a preview in the console: tags dropped, block
//! elements and `<br>` as line breaks, list items as bullets, links followed by their target,
//! `<style>`, `<script>` and comments left out, the common entities decoded.

/// The tags that end a line.
const BLOCKS: [&str; 16] = [
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "ul",
    "ol",
    "blockquote",
    "hr",
    "section",
];

fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let Some(end) = after.find(';').filter(|e| *e <= 10) else {
            out.push('&');
            rest = &after[1..];
            continue;
        };
        let entity = &after[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" | "#39" => Some('\''),
            "nbsp" => Some(' '),
            _ => entity
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        if let Some(c) = decoded {
            out.push(c);
            rest = &after[end + 1..];
        } else {
            out.push('&');
            rest = &after[1..];
        }
    }
    out.push_str(rest);
    out
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let at = lower.find(&format!("{name}="))? + name.len() + 1;
    let value = &tag[at..];
    let (quote, value) = match value.chars().next()? {
        q @ ('"' | '\'') => (Some(q), &value[1..]),
        _ => (None, value),
    };
    let end = match quote {
        Some(q) => value.find(q)?,
        None => value.find(|c: char| c.is_whitespace() || c == '>').unwrap_or(value.len()),
    };
    Some(decode(&value[..end]))
}

/// The readable text of an HTML document or fragment.
#[must_use]
pub fn to_text(html: &str) -> String {
    let mut raw = String::with_capacity(html.len());
    let mut rest = html;
    let mut link: Option<String> = None;
    while let Some(open) = rest.find('<') {
        raw.push_str(&rest[..open].replace(['\n', '\r', '\t'], " "));
        let after = &rest[open..];
        if after.starts_with("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        let Some(close) = after.find('>') else {
            raw.push_str(after);
            rest = "";
            break;
        };
        let tag = &after[1..close];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        let closing = tag.starts_with('/');
        rest = &after[close + 1..];
        match name.as_str() {
            "style" | "script" | "head" | "title" if !closing => {
                let end = format!("</{name}");
                rest = rest.to_ascii_lowercase().find(&end).map_or("", |e| {
                    let tail = &rest[e..];
                    tail.find('>').map_or("", |g| &tail[g + 1..])
                });
            }
            "a" if !closing => link = attribute(tag, "href"),
            "a" => {
                if let Some(href) = link.take().filter(|h| !h.is_empty()) {
                    raw.push_str(" (");
                    raw.push_str(&href);
                    raw.push(')');
                }
            }
            "li" if !closing => raw.push_str("\n• "),
            "img" => {
                if let Some(alt) = attribute(tag, "alt").filter(|a| !a.is_empty()) {
                    raw.push('[');
                    raw.push_str(&alt);
                    raw.push(']');
                }
            }
            "td" | "th" if closing => raw.push_str("  "),
            other if BLOCKS.contains(&other) => raw.push('\n'),
            _ => {}
        }
    }
    raw.push_str(&rest.replace(['\n', '\r', '\t'], " "));
    let text = decode(&raw);
    let mut out = String::new();
    let mut blank = 0;
    for line in text.lines() {
        let words = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if words.is_empty() {
            blank += 1;
            if blank > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(&words);
        out.push('\n');
    }
    out.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_reads_as_text_with_breaks_and_link_targets() {
        let html = "<html><head><title>x</title><style>p{color:red}</style></head><body>\
            <h1>Hello&nbsp;Ada</h1><!-- hidden --><p>Your order   is\n ready.<br>Thanks!</p>\
            <ul><li>One</li><li>Two &amp; three</li></ul>\
            <p><a href=\"https://example.com/o?id=1&amp;x=2\">Track it</a></p>\
            <img src=\"a.png\" alt=\"Logo\"><script>alert(1)</script></body></html>";
        assert_eq!(
            to_text(html),
            "Hello Ada\n\nYour order is ready.\nThanks!\n\n• One\n• Two & three\n\n\
             Track it (https://example.com/o?id=1&x=2)\n[Logo]"
        );
        assert_eq!(to_text("plain &lt;b&gt; &#65;&#x42;"), "plain <b> AB");
    }
}
