//! R70 `VIDEO-ORIGIN-DELIVERY`: video played from the origin, or as whole files.

use crate::critique::{Context, Finding};
use crate::model::props::PayloadClass;
use crate::model::{EdgeKind, NodeKind};

crate::declare_rule! {
    /// ## What it does
    /// Flags (a) a `read` edge from a `client` carrying `video` or `video_segment` whose
    /// responder is an origin (`object_storage` or `app_server`, or a `load_balancer` or
    /// `api_gateway` in front of one) rather than a CDN; and (b) an `object_storage` that serves
    /// video to viewers (responder of a video `read` from a client or a CDN) with no segmented
    /// rendition ladder (`video_ladder.segment_s` unset, or `video_ladder.renditions < 2`).
    /// Buckets that hold only raw uploads are not checked.
    ///
    /// Besides buckets and app servers, a load balancer or gateway serving video to the player
    /// counts as an origin: it is the same origin delivery one hop earlier.
    ///
    /// ## Why it matters
    /// Video Streaming walkthrough (guide §5, critical decision: CDN plus segments) and §2.7: video
    /// is the heaviest traffic there is, and serving it from one origin makes every viewer pay
    /// the long round trip and the origin pay all the egress. Whole files cannot adapt to the
    /// viewer's bandwidth; a ladder of renditions cut into 2–10 s segments with a manifest
    /// (HLS/DASH) lets the player switch quality as the network changes.
    ///
    /// ## Example
    /// Bad: `client:player -read/HTTPS-> object_storage:videos {payload_class=video}`.
    ///
    /// Good: `object_storage:segments{video_ladder={renditions:4, segment_s:6}}`;
    /// `player -read/HTTPS-> cdn:edge{caches=[video_segments]} {payload_class=video_segment}`;
    /// `edge -read/HTTPS-> segments`.
    ///
    /// ## How to fix
    /// Transcode into a rendition ladder (1080p/720p/480p/360p) cut into 2–10 s segments with a
    /// manifest, and deliver through a CDN with object storage as its origin.
    pub VideoOriginDelivery {
        id: "VIDEO-ORIGIN-DELIVERY",
        number: "R70",
        title: "video is played from the origin, or as whole files",
        category: "O. Walkthrough critical decisions",
        severity: Error,
        scope: Shape,
        guide: "5, Video Streaming Platform",
        fix: "transcode into a rendition ladder cut into 2–10 s segments with a manifest, and deliver through a CDN with object storage as the origin",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    let mut bucket_flagged = vec![false; cx.design.nodes.len()];
    for (ei, e) in cx.design.edges.iter().enumerate() {
        if e.kind != EdgeKind::Read
            || !matches!(
                e.props.payload_class,
                Some(PayloadClass::Video | PayloadClass::VideoSegment)
            )
        {
            continue;
        }
        let (Some(viewer), Some(origin)) = (ix.initiator(ei), ix.responder(ei)) else {
            continue;
        };
        let viewer_kind = ix.node(viewer).kind;
        let origin_node = ix.node(origin);
        if viewer_kind == NodeKind::Client
            && matches!(
                origin_node.kind,
                NodeKind::ObjectStorage
                    | NodeKind::AppServer
                    | NodeKind::LoadBalancer
                    | NodeKind::ApiGateway
            )
        {
            out.push(
                Finding::new(
                    &VideoOriginDelivery::META,
                    format!(
                        "`{}` plays video straight from `{}` with no CDN in between",
                        e.from, e.to
                    ),
                )
                .edge(&e.id),
            );
        }
        if origin_node.kind == NodeKind::ObjectStorage
            && matches!(viewer_kind, NodeKind::Client | NodeKind::Cdn)
            && !bucket_flagged[origin]
        {
            let ladder = origin_node.props.video_ladder.as_ref();
            let segmented = ladder.is_some_and(|l| l.segment_s.is_some());
            let few_renditions = ladder.and_then(|l| l.renditions).is_some_and(|r| r < 2);
            if !segmented || few_renditions {
                bucket_flagged[origin] = true;
                out.push(
                    Finding::new(
                        &VideoOriginDelivery::META,
                        format!(
                            "`{}` serves video as whole files with no segmented rendition ladder",
                            origin_node.id
                        ),
                    )
                    .node(&origin_node.id),
                );
            }
        }
    }
}
