//! The learner's picture, drawn as inline SVG (no image files, crisp at any size).

use leptos::prelude::*;
use waypoint_core::learner::Avatar;

/// Colours and the distinguishing feature of each avatar.
struct Art {
    background: &'static str,
    face: &'static str,
    /// Extra shapes drawn behind the face (ears, horns, shell...).
    back: &'static str,
    /// Extra shapes drawn over the face (patches, stripes, beak...).
    front: &'static str,
}

fn art(avatar: Avatar) -> Art {
    match avatar {
        Avatar::Fox => Art { background: "#ffe3c2", face: "#e8772e", back: "M14 22 L22 6 L30 20 Z M50 20 L58 6 L66 22 Z", front: "M28 52 Q40 66 52 52 Q40 58 28 52 Z" },
        Avatar::Owl => Art { background: "#e6dcf7", face: "#8a6a4f", back: "M16 20 L24 8 L30 18 Z M50 18 L56 8 L64 20 Z", front: "M36 46 L40 54 L44 46 Z" },
        Avatar::Turtle => Art { background: "#d9f2dd", face: "#5fa86a", back: "M8 48 Q40 0 72 48 Z", front: "" },
        Avatar::Cat => Art { background: "#f1e6d8", face: "#9c9c9c", back: "M16 24 L20 6 L32 18 Z M48 18 L60 6 L64 24 Z", front: "M20 50 L8 48 M20 54 L8 56 M60 50 L72 48 M60 54 L72 56" },
        Avatar::Robot => Art { background: "#dbe9f6", face: "#8fa3b8", back: "M38 4 H42 V16 H38 Z", front: "M28 52 H52 V56 H28 Z" },
        Avatar::Rocket => Art { background: "#1f2a4d", face: "#e9eef7", back: "M40 2 L54 24 H26 Z M22 56 L14 72 L30 64 Z M58 56 L66 72 L50 64 Z", front: "" },
        Avatar::Dragon => Art { background: "#e4f5d0", face: "#4c9a52", back: "M22 20 L18 2 L32 16 Z M48 16 L62 2 L58 20 Z", front: "M34 50 H46" },
        Avatar::Panda => Art { background: "#eaf3ea", face: "#ffffff", back: "M12 14 A9 9 0 1 0 30 14 A9 9 0 1 0 12 14 Z M50 14 A9 9 0 1 0 68 14 A9 9 0 1 0 50 14 Z", front: "M24 40 A7 9 0 1 0 38 40 A7 9 0 1 0 24 40 Z M42 40 A7 9 0 1 0 56 40 A7 9 0 1 0 42 40 Z" },
        Avatar::Octopus => Art { background: "#fde0ea", face: "#d9568a", back: "M14 60 Q10 74 20 72 M28 64 Q26 78 34 74 M46 64 Q48 78 54 74 M62 60 Q68 74 58 72", front: "" },
        Avatar::Bee => Art { background: "#fff4c2", face: "#f2c230", back: "M12 18 Q4 4 24 14 Z M68 18 Q76 4 56 14 Z", front: "M16 30 H64 V36 H16 Z M14 58 H66 V62 H14 Z" },
        Avatar::Whale => Art { background: "#d6ecfb", face: "#3f7fbf", back: "M36 10 Q40 0 44 10 M40 10 V2", front: "" },
        Avatar::Star => Art { background: "#fff0d6", face: "#f5b82e", back: "M40 2 L49 28 L76 28 L54 44 L62 72 L40 56 L18 72 L26 44 L4 28 L31 28 Z", front: "" },
    }
}

/// Draws an avatar. Decorative by default (the learner's name is always beside it).
#[component]
pub fn AvatarPicture(
    /// Which avatar to draw.
    #[prop(into)]
    avatar: Signal<Avatar>,
    /// Width and height in CSS pixels.
    #[prop(default = 64)]
    size: u32,
) -> impl IntoView {
    let a = move || art(avatar.get());
    view! {
        <svg
            class="avatar"
            width=size
            height=size
            viewBox="0 0 80 80"
            aria-hidden="true"
            focusable="false"
        >
            <rect width="80" height="80" rx="18" fill=move || a().background />
            <path d=move || a().back fill=move || a().face stroke="#3b3b3b" stroke-width="1.5" />
            <circle cx="40" cy="44" r="24" fill=move || a().face stroke="#3b3b3b" stroke-width="1.5" />
            <path d=move || a().front fill="#3b3b3b" stroke="#3b3b3b" stroke-width="1.5" fill-opacity="0.85" />
            <circle cx="32" cy="40" r="3.5" fill="#1d1d1d" />
            <circle cx="48" cy="40" r="3.5" fill="#1d1d1d" />
            <path d="M33 51 Q40 57 47 51" fill="none" stroke="#1d1d1d" stroke-width="2" stroke-linecap="round" />
        </svg>
    }
}
