//! R80 `TRIGGER-RECURSION`: a function triggered by a bucket or table writes back into it.

use crate::critique::facts::is_event_trigger;
use crate::critique::{Context, Finding};
use crate::model::EdgeKind;

crate::declare_rule! {
    /// ## What it does
    /// Flags an event trigger (an `event_trigger` edge, or an `async_message` drawn from object
    /// storage or a database to a function or worker) whose target writes back into the same
    /// store (`write` or `async_message` to it).
    ///
    /// ## Why it matters
    /// Guide §3.7 (async work) and §3.6: each write the function makes fires the trigger
    /// again, so one upload becomes an endless loop of invocations. On a serverless platform
    /// that scales without limit the loop runs up the bill by the minute until someone
    /// notices: the classic "thumbnail Lambda writes into its own bucket" incident.
    ///
    /// ## Example
    /// Bad: `object_storage:photos -async_message-> serverless_function:thumbnailer` and
    /// `thumbnailer -write-> photos`.
    ///
    /// Good: `thumbnailer -write-> object_storage:thumbnails` (another bucket), or a trigger
    /// limited to the `uploads/` prefix while thumbnails go to `thumbs/`.
    ///
    /// ## How to fix
    /// Write the output to another bucket or table, or restrict the trigger to a prefix or
    /// event type the function never writes; add a recursion guard (a marker in metadata)
    /// as a second line of defence.
    pub TriggerRecursion {
        id: "TRIGGER-RECURSION",
        number: "R80",
        title: "a triggered function writes back into its own trigger",
        category: "G. Queues & asynchronous work",
        severity: Error,
        scope: Shape,
        guide: "3.7",
        fix: "write the output to another bucket or table, or restrict the trigger to a prefix the function never writes; add a recursion guard",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for t in 0..cx.design.edges.len() {
        if !is_event_trigger(ix, t) {
            continue;
        }
        let (Some(store), Some(f)) = (ix.source(t), ix.target(t)) else {
            continue;
        };
        let back: Vec<usize> = ix
            .out_edges(f)
            .iter()
            .copied()
            .filter(|&e| {
                matches!(ix.edge(e).kind, EdgeKind::Write | EdgeKind::AsyncMessage)
                    && ix.target(e) == Some(store)
            })
            .collect();
        if back.is_empty() {
            continue;
        }
        let mut finding = Finding::new(
            &TriggerRecursion::META,
            format!(
                "`{}` is triggered by `{}` and writes back into it, so every write triggers it again",
                ix.node(f).id,
                ix.node(store).id
            ),
        )
        .node(&ix.node(f).id)
        .node(&ix.node(store).id)
        .edge(&ix.edge(t).id);
        for e in back {
            finding = finding.edge(&ix.edge(e).id);
        }
        out.push(finding);
    }
}
