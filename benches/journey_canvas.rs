//! Benchmark: CPU time per frame of the journey canvas with 100 activities (random splits
//! fanning out to SMS, email, waits and holdouts, every node and arrow drawn, the side panel
//! beside it) while the pointer drags the canvas: each frame lays the graph out, checks it and
//! draws it (egui layout and tessellation, headless with egui_kittest; GPU time is not in it).
//! The target is under 4 ms.
//!
//!   cargo bench --bench journey_canvas          (FRAMES=N to change the count)
#![allow(clippy::expect_used)]

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use pinpoint_console::drafts::journey::{
    ActivityDraft, Channel, Entry, JourneyDraft, Kind, MessageDraft, SplitPath, WaitDraft,
};
use pinpoint_console::ui::journeys::canvas::show;
use pinpoint_console::ui::journeys::{Context, Editor};
use pinpoint_console::ui::template_picker::TemplateLibrary;

const ACTIVITIES: usize = 100;

/// A tree of `ACTIVITIES` activities: each split has two paths, each path a chain of a wait and
/// a message, then another split, until the count is reached.
fn journey() -> JourneyDraft {
    let mut d = JourneyDraft::named("Big");
    d.entry = Entry::Segment("seg".into());
    d.start_activity = "a0".into();
    let mut next = 1;
    let mut open = vec!["a0".to_owned()];
    let mut made = vec![("a0".to_owned(), 0)];
    while next < ACTIVITIES {
        let Some(at) = open.pop() else { break };
        let (_, depth) = made.iter().find(|(id, _)| *id == at).cloned().expect("made");
        let mut children = Vec::new();
        for _ in 0..2 {
            if next >= ACTIVITIES {
                break;
            }
            let id = format!("a{next}");
            next += 1;
            children.push(id.clone());
            made.push((id.clone(), depth + 1));
            open.insert(0, id);
        }
        let kind = match depth % 3 {
            0 => Kind::RandomSplit(
                children
                    .iter()
                    .map(|c| SplitPath { percentage: "50".into(), next: c.clone() })
                    .collect(),
            ),
            1 => Kind::Wait {
                wait: WaitDraft { wait_for: "P1D".into(), wait_until: String::new() },
                next: children.first().cloned().unwrap_or_default(),
            },
            _ => Kind::Message(MessageDraft {
                template_name: "hello".into(),
                next: children.first().cloned().unwrap_or_default(),
                ..MessageDraft::new(if next % 2 == 0 { Channel::Sms } else { Channel::Email })
            }),
        };
        d.activities.insert(at, ActivityDraft { description: String::new(), kind });
    }
    for (id, _) in made {
        d.activities.entry(id).or_insert_with(|| ActivityDraft {
            description: String::new(),
            kind: Kind::Message(MessageDraft::new(Channel::Sms)),
        });
    }
    d
}

fn main() {
    let frames: usize = std::env::var("FRAMES").ok().and_then(|v| v.parse().ok()).unwrap_or(600);
    let draft = journey();
    assert_eq!(draft.activities.len(), ACTIVITIES);
    let mut editor = Editor::new("Big");
    editor.draft = draft;
    let editor = std::rc::Rc::new(std::cell::RefCell::new(editor));
    let shared = std::rc::Rc::clone(&editor);
    let library = TemplateLibrary::default();
    let mut harness = Harness::builder().with_size([1280.0, 800.0]).build_ui(move |ui| {
        let busy = |_| false;
        let cx = Context {
            app_id: "app",
            segments: &[],
            is_mock: true,
            busy: &busy,
            library: &library,
            target: "the bench",
            values: None,
            store: None,
        };
        let mut editor = shared.borrow_mut();
        let problems = editor.problems();
        let _actions = show(ui, &mut editor, &cx, &problems);
    });
    harness.run_steps(3);
    {
        use egui_kittest::kittest::Queryable;
        assert!(harness.query_by_label("Activity a99").is_some(), "every node is drawn");
    }
    let before = editor.borrow().view;
    // Press on the canvas's background, then drag: the scene pans every frame.
    let mut at = egui::pos2(300.0, 700.0);
    harness.event(egui::Event::PointerMoved(at));
    harness.event(egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::default(),
    });
    let mut times = Vec::with_capacity(frames);
    for i in 0..frames {
        let dx = if (i / 100) % 2 == 0 { 1.5 } else { -1.5 };
        at += egui::vec2(dx, 0.5 * dx);
        harness.event(egui::Event::PointerMoved(at));
        let start = Instant::now();
        harness.step();
        times.push(start.elapsed());
    }
    assert_ne!(editor.borrow().view, before, "the canvas panned");
    times.sort();
    let mean = times.iter().sum::<Duration>() / u32::try_from(times.len()).expect("few frames");
    let p99 = times[times.len() * 99 / 100];
    println!("journey canvas: {ACTIVITIES} activities, 1280×800, panning, {frames} frames");
    println!(
        "frame CPU: mean {:.2} ms, p99 {:.2} ms, max {:.2} ms (target: under 4 ms)",
        mean.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3
    );
}
