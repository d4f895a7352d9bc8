//! The document's logical structure for readers of the PDF: the tag tree
//! (headings, paragraphs, lists, figures, each with the content drawn for it)
//! and the bookmarks.

use crate::display::{Document, Node, Role};
use krilla::destination::XyzDestination;
use krilla::geom::Point;
use krilla::outline::{Outline, OutlineNode};
use krilla::tagging::{Identifier, Tag, TagGroup, TagKind, TagTree};
use std::collections::HashMap;
use std::num::NonZeroU16;

/// The content drawn for each structure node, in order: its identifiers,
/// each with its language when that is not the node's.
pub(super) type Drawn = HashMap<*const Node, Vec<(Identifier, Option<String>)>>;

/// The tag tree: a group per structure node, in the document's language,
/// holding the content identifiers `ids` recorded as each node was drawn.
pub(super) fn tag_tree(doc: &Document, ids: &mut Drawn) -> TagTree {
    let mut tree = TagTree::new().with_lang(Some(doc.lang.clone()));
    for node in &doc.structure {
        if let Some(group) = tag_group(node, ids) {
            tree.push(group);
        }
    }
    tree
}

/// Bookmarks: one per heading, at the top of its page, nested by level.
pub(super) fn outline(doc: &Document) -> Outline {
    fn collect<'a>(nodes: &'a [Node], out: &mut Vec<&'a Node>) {
        for n in nodes {
            if matches!(n.role, Role::H1 | Role::H2 | Role::H3) {
                out.push(n);
            }
            collect(&n.children, out);
        }
    }
    let mut headings = Vec::new();
    collect(&doc.structure, &mut headings);
    let mut outline = Outline::new();
    let mut current: Option<OutlineNode> = None;
    for h in headings {
        let text = h.title.clone().unwrap_or_default();
        let node = OutlineNode::new(text, XyzDestination::new(h.page, Point::from_xy(0.0, 0.0)));
        if h.role == Role::H1 {
            if let Some(done) = current.take() {
                outline.push_child(done);
            }
            current = Some(node.with_open(true));
        } else if let Some(parent) = current.as_mut() {
            parent.push_child(node);
        } else {
            outline.push_child(node);
        }
    }
    if let Some(done) = current {
        outline.push_child(done);
    }
    outline
}

/// The tag group for a node, with the content identifiers drawn for it.
fn tag_group(node: &Node, ids: &mut Drawn) -> Option<TagGroup> {
    let kind: TagKind = match node.role {
        Role::H1 => Tag::Hn(NonZeroU16::MIN, node.title.clone()).into(),
        Role::H2 => Tag::Hn(
            NonZeroU16::new(2).expect("2 is not zero"),
            node.title.clone(),
        )
        .into(),
        Role::H3 => Tag::Hn(
            NonZeroU16::new(3).expect("3 is not zero"),
            node.title.clone(),
        )
        .into(),
        Role::P => Tag::P.into(),
        Role::L => Tag::L(krilla::tagging::ListNumbering::None).into(),
        Role::LI => Tag::LI.into(),
        Role::Lbl => Tag::Lbl.into(),
        Role::LBody => Tag::LBody.into(),
        Role::BlockQuote => Tag::BlockQuote.into(),
        Role::Figure => Tag::Figure(node.alt.clone()).into(),
        Role::Section => Tag::Section.into(),
    };
    let mut kind = kind;
    if let Some(lang) = &node.lang {
        kind.set_lang(Some(lang.clone()));
    }
    let mut group = TagGroup::new(kind);
    for (id, lang) in ids.remove(&(node as *const Node)).unwrap_or_default() {
        match lang {
            // Text in another language: a span element tagged with it.
            Some(lang) => {
                let mut span: TagKind = Tag::Span.into();
                span.set_lang(Some(lang));
                let mut inner = TagGroup::new(span);
                inner.push(id);
                group.push(inner);
            }
            None => group.push(id),
        }
    }
    for child in &node.children {
        if let Some(g) = tag_group(child, ids) {
            group.push(g);
        }
    }
    (!group.children.is_empty()).then_some(group)
}
