//! CSS color strings as a canvas' `fillStyle` accepts them: `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`,
//! `rgb()`/`rgba()` (commas or spaces, numbers or percentages, `/ alpha`), `hsl()`/`hsla()`, the CSS
//! named colors and `transparent`. Anything else is `None` (the canvas then keeps its previous style).

/// Straight (not premultiplied) RGBA; alpha in 0..=1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgba {
    pub r: u8,
    pub g: u8,
    pub b: u8,
    pub a: f32,
}

impl Rgba {
    pub const BLACK: Rgba = Rgba {
        r: 0,
        g: 0,
        b: 0,
        a: 1.0,
    };

    const fn opaque(r: u8, g: u8, b: u8) -> Self {
        Rgba { r, g, b, a: 1.0 }
    }
}

pub fn parse(input: &str) -> Option<Rgba> {
    let s = input.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    if let Some(hex) = s.strip_prefix('#') {
        return parse_hex(hex);
    }
    let lower = s.to_ascii_lowercase();
    if let Some(open) = lower.find('(') {
        let name = lower[..open].trim_end();
        let body = lower[open + 1..].strip_suffix(')')?;
        return match name {
            "rgb" | "rgba" => parse_rgb(body),
            "hsl" | "hsla" => parse_hsl(body),
            _ => None,
        };
    }
    named(&lower)
}

fn hex_digit(b: u8) -> Option<u8> {
    (b as char).to_digit(16).and_then(|d| u8::try_from(d).ok())
}

fn parse_hex(hex: &str) -> Option<Rgba> {
    let d: Vec<u8> = hex.bytes().map(hex_digit).collect::<Option<_>>()?;
    let pair = |i: usize| d[i] * 16 + d[i + 1];
    match d.len() {
        3 | 4 => Some(Rgba {
            r: d[0] * 17,
            g: d[1] * 17,
            b: d[2] * 17,
            a: if d.len() == 4 {
                f32::from(d[3] * 17) / 255.0
            } else {
                1.0
            },
        }),
        6 | 8 => Some(Rgba {
            r: pair(0),
            g: pair(2),
            b: pair(4),
            a: if d.len() == 8 {
                f32::from(pair(6)) / 255.0
            } else {
                1.0
            },
        }),
        _ => None,
    }
}

/// Splits `a, b, c, d` or `a b c / d` into components (3 or 4).
fn components(body: &str) -> Option<Vec<&str>> {
    let body = body.trim();
    let parts: Vec<&str> = if body.contains(',') {
        body.split(',').map(str::trim).collect()
    } else {
        let (main, alpha) = match body.split_once('/') {
            Some((m, a)) => (m, Some(a.trim())),
            None => (body, None),
        };
        let mut v: Vec<&str> = main.split_whitespace().collect();
        if let Some(a) = alpha {
            v.push(a);
        }
        v
    };
    if (parts.len() == 3 || parts.len() == 4) && parts.iter().all(|p| !p.is_empty()) {
        Some(parts)
    } else {
        None
    }
}

fn number(s: &str) -> Option<f64> {
    let v: f64 = s.parse().ok()?;
    v.is_finite().then_some(v)
}

fn alpha(s: &str) -> Option<f32> {
    let v = match s.strip_suffix('%') {
        Some(p) => number(p)? / 100.0,
        None => number(s)?,
    };
    Some(v.clamp(0.0, 1.0) as f32)
}

fn channel(s: &str) -> Option<u8> {
    let v = match s.strip_suffix('%') {
        Some(p) => number(p)? * 2.55,
        None => number(s)?,
    };
    Some(v.clamp(0.0, 255.0).round() as u8)
}

fn parse_rgb(body: &str) -> Option<Rgba> {
    let p = components(body)?;
    Some(Rgba {
        r: channel(p[0])?,
        g: channel(p[1])?,
        b: channel(p[2])?,
        a: match p.get(3) {
            Some(a) => alpha(a)?,
            None => 1.0,
        },
    })
}

fn parse_hsl(body: &str) -> Option<Rgba> {
    let p = components(body)?;
    let h = p[0].strip_suffix("deg").unwrap_or(p[0]);
    let h = number(h)?.rem_euclid(360.0) / 360.0;
    let pct = |s: &str| -> Option<f64> {
        let v = number(s.strip_suffix('%').unwrap_or(s))?;
        Some((v / 100.0).clamp(0.0, 1.0))
    };
    let (s, l) = (pct(p[1])?, pct(p[2])?);
    let q = if l < 0.5 {
        l * (1.0 + s)
    } else {
        l + s - l * s
    };
    let m = 2.0 * l - q;
    let hue = |t: f64| -> u8 {
        let t = t.rem_euclid(1.0);
        let v = if t < 1.0 / 6.0 {
            m + (q - m) * 6.0 * t
        } else if t < 0.5 {
            q
        } else if t < 2.0 / 3.0 {
            m + (q - m) * (2.0 / 3.0 - t) * 6.0
        } else {
            m
        };
        (v * 255.0).round().clamp(0.0, 255.0) as u8
    };
    Some(Rgba {
        r: hue(h + 1.0 / 3.0),
        g: hue(h),
        b: hue(h - 1.0 / 3.0),
        a: match p.get(3) {
            Some(a) => alpha(a)?,
            None => 1.0,
        },
    })
}

fn named(name: &str) -> Option<Rgba> {
    if name == "transparent" {
        return Some(Rgba {
            r: 0,
            g: 0,
            b: 0,
            a: 0.0,
        });
    }
    NAMED.binary_search_by(|(n, _)| n.cmp(&name)).ok().map(|i| {
        let v = NAMED[i].1;
        Rgba::opaque((v >> 16) as u8, (v >> 8) as u8, v as u8)
    })
}

/// CSS Color Module Level 4 named colors, sorted by name.
const NAMED: &[(&str, u32)] = &[
    ("aliceblue", 0xf0f8ff),
    ("antiquewhite", 0xfaebd7),
    ("aqua", 0x00ffff),
    ("aquamarine", 0x7fffd4),
    ("azure", 0xf0ffff),
    ("beige", 0xf5f5dc),
    ("bisque", 0xffe4c4),
    ("black", 0x000000),
    ("blanchedalmond", 0xffebcd),
    ("blue", 0x0000ff),
    ("blueviolet", 0x8a2be2),
    ("brown", 0xa52a2a),
    ("burlywood", 0xdeb887),
    ("cadetblue", 0x5f9ea0),
    ("chartreuse", 0x7fff00),
    ("chocolate", 0xd2691e),
    ("coral", 0xff7f50),
    ("cornflowerblue", 0x6495ed),
    ("cornsilk", 0xfff8dc),
    ("crimson", 0xdc143c),
    ("cyan", 0x00ffff),
    ("darkblue", 0x00008b),
    ("darkcyan", 0x008b8b),
    ("darkgoldenrod", 0xb8860b),
    ("darkgray", 0xa9a9a9),
    ("darkgreen", 0x006400),
    ("darkgrey", 0xa9a9a9),
    ("darkkhaki", 0xbdb76b),
    ("darkmagenta", 0x8b008b),
    ("darkolivegreen", 0x556b2f),
    ("darkorange", 0xff8c00),
    ("darkorchid", 0x9932cc),
    ("darkred", 0x8b0000),
    ("darksalmon", 0xe9967a),
    ("darkseagreen", 0x8fbc8f),
    ("darkslateblue", 0x483d8b),
    ("darkslategray", 0x2f4f4f),
    ("darkslategrey", 0x2f4f4f),
    ("darkturquoise", 0x00ced1),
    ("darkviolet", 0x9400d3),
    ("deeppink", 0xff1493),
    ("deepskyblue", 0x00bfff),
    ("dimgray", 0x696969),
    ("dimgrey", 0x696969),
    ("dodgerblue", 0x1e90ff),
    ("firebrick", 0xb22222),
    ("floralwhite", 0xfffaf0),
    ("forestgreen", 0x228b22),
    ("fuchsia", 0xff00ff),
    ("gainsboro", 0xdcdcdc),
    ("ghostwhite", 0xf8f8ff),
    ("gold", 0xffd700),
    ("goldenrod", 0xdaa520),
    ("gray", 0x808080),
    ("green", 0x008000),
    ("greenyellow", 0xadff2f),
    ("grey", 0x808080),
    ("honeydew", 0xf0fff0),
    ("hotpink", 0xff69b4),
    ("indianred", 0xcd5c5c),
    ("indigo", 0x4b0082),
    ("ivory", 0xfffff0),
    ("khaki", 0xf0e68c),
    ("lavender", 0xe6e6fa),
    ("lavenderblush", 0xfff0f5),
    ("lawngreen", 0x7cfc00),
    ("lemonchiffon", 0xfffacd),
    ("lightblue", 0xadd8e6),
    ("lightcoral", 0xf08080),
    ("lightcyan", 0xe0ffff),
    ("lightgoldenrodyellow", 0xfafad2),
    ("lightgray", 0xd3d3d3),
    ("lightgreen", 0x90ee90),
    ("lightgrey", 0xd3d3d3),
    ("lightpink", 0xffb6c1),
    ("lightsalmon", 0xffa07a),
    ("lightseagreen", 0x20b2aa),
    ("lightskyblue", 0x87cefa),
    ("lightslategray", 0x778899),
    ("lightslategrey", 0x778899),
    ("lightsteelblue", 0xb0c4de),
    ("lightyellow", 0xffffe0),
    ("lime", 0x00ff00),
    ("limegreen", 0x32cd32),
    ("linen", 0xfaf0e6),
    ("magenta", 0xff00ff),
    ("maroon", 0x800000),
    ("mediumaquamarine", 0x66cdaa),
    ("mediumblue", 0x0000cd),
    ("mediumorchid", 0xba55d3),
    ("mediumpurple", 0x9370db),
    ("mediumseagreen", 0x3cb371),
    ("mediumslateblue", 0x7b68ee),
    ("mediumspringgreen", 0x00fa9a),
    ("mediumturquoise", 0x48d1cc),
    ("mediumvioletred", 0xc71585),
    ("midnightblue", 0x191970),
    ("mintcream", 0xf5fffa),
    ("mistyrose", 0xffe4e1),
    ("moccasin", 0xffe4b5),
    ("navajowhite", 0xffdead),
    ("navy", 0x000080),
    ("oldlace", 0xfdf5e6),
    ("olive", 0x808000),
    ("olivedrab", 0x6b8e23),
    ("orange", 0xffa500),
    ("orangered", 0xff4500),
    ("orchid", 0xda70d6),
    ("palegoldenrod", 0xeee8aa),
    ("palegreen", 0x98fb98),
    ("paleturquoise", 0xafeeee),
    ("palevioletred", 0xdb7093),
    ("papayawhip", 0xffefd5),
    ("peachpuff", 0xffdab9),
    ("peru", 0xcd853f),
    ("pink", 0xffc0cb),
    ("plum", 0xdda0dd),
    ("powderblue", 0xb0e0e6),
    ("purple", 0x800080),
    ("rebeccapurple", 0x663399),
    ("red", 0xff0000),
    ("rosybrown", 0xbc8f8f),
    ("royalblue", 0x4169e1),
    ("saddlebrown", 0x8b4513),
    ("salmon", 0xfa8072),
    ("sandybrown", 0xf4a460),
    ("seagreen", 0x2e8b57),
    ("seashell", 0xfff5ee),
    ("sienna", 0xa0522d),
    ("silver", 0xc0c0c0),
    ("skyblue", 0x87ceeb),
    ("slateblue", 0x6a5acd),
    ("slategray", 0x708090),
    ("slategrey", 0x708090),
    ("snow", 0xfffafa),
    ("springgreen", 0x00ff7f),
    ("steelblue", 0x4682b4),
    ("tan", 0xd2b48c),
    ("teal", 0x008080),
    ("thistle", 0xd8bfd8),
    ("tomato", 0xff6347),
    ("turquoise", 0x40e0d0),
    ("violet", 0xee82ee),
    ("wheat", 0xf5deb3),
    ("white", 0xffffff),
    ("whitesmoke", 0xf5f5f5),
    ("yellow", 0xffff00),
    ("yellowgreen", 0x9acd32),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_table_is_sorted_for_binary_search() {
        assert!(NAMED.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn the_forms_games_use_parse() {
        assert_eq!(parse("#fff"), Some(Rgba::opaque(255, 255, 255)));
        assert_eq!(parse("#1e1e2e"), Some(Rgba::opaque(0x1e, 0x1e, 0x2e)));
        assert_eq!(parse("rgb(10,20,30)"), Some(Rgba::opaque(10, 20, 30)));
        let c = parse("rgba(0, 0, 0, 0.5)").expect("rgba");
        assert_eq!((c.r, c.g, c.b), (0, 0, 0));
        assert!((c.a - 0.5).abs() < 1e-6);
        assert_eq!(parse("Magenta"), Some(Rgba::opaque(255, 0, 255)));
        assert_eq!(parse("gray"), Some(Rgba::opaque(128, 128, 128)));
        assert_eq!(parse("hsl(120, 100%, 50%)"), Some(Rgba::opaque(0, 255, 0)));
        assert_eq!(parse("rgb(255 0 0 / 50%)").map(|c| c.r), Some(255));
        assert_eq!(parse("#80ff0080").map(|c| c.g), Some(255));
        assert_eq!(parse("transparent").map(|c| c.a), Some(0.0));
    }

    #[test]
    fn nonsense_is_rejected() {
        for s in [
            "",
            "#12",
            "#ggg",
            "rgb(1,2)",
            "nocolor",
            "rgb(a,b,c)",
            "url(x)",
        ] {
            assert_eq!(parse(s), None, "{s}");
        }
    }
}
