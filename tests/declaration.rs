//! The embedded Kyoto Declaration: its structure, its text, and that it is what
//! `tools/gen_declaration.py` makes of the seed documents.
//!
//! The expected texts below were written out from the seeds (A/CONF.234/16,
//! chapter I, resolution 1, and the annex to ECOSOC resolution 2021/20), joining
//! the paragraphs that the seeds split across pages or footnotes by hand.

use kyoto_widgets::core::declaration::{Declaration, DECLARATION_JSON, PARAGRAPH_COUNT};
use kyoto_widgets::core::model::{Part, Pillar};
use std::path::{Path, PathBuf};
use std::process::Command;

fn declaration() -> &'static Declaration {
    Declaration::get()
}

fn text(number: u8) -> &'static str {
    match declaration().paragraph(number) {
        Some(p) => &p.text,
        None => panic!("paragraph {number} is missing"),
    }
}

#[test]
fn the_json_deserializes_into_declaration_with_no_field_left_over() {
    let parsed: Declaration = serde_json::from_str(DECLARATION_JSON).expect("valid Declaration");
    let file: serde_json::Value = serde_json::from_str(DECLARATION_JSON).expect("valid JSON");
    let again = serde_json::to_value(&parsed).expect("serializable");
    assert_eq!(
        again, file,
        "the file has fields the Declaration type does not read, or lacks some"
    );
}

#[test]
fn metadata() {
    let d = declaration();
    assert_eq!(
        d.title,
        "Kyoto Declaration on Advancing Crime Prevention, Criminal Justice and the Rule of Law: \
         Towards the Achievement of the 2030 Agenda for Sustainable Development"
    );
    assert_eq!(d.short_title, "Kyoto Declaration");
    assert_eq!(d.adopted, "2021-03-07");
    assert_eq!(d.place, "Kyoto, Japan");
    assert_eq!(d.symbol, "A/CONF.234/16");
    assert_eq!(d.endorsed_by, "General Assembly resolution 76/181");
}

#[test]
fn preamble_is_the_five_unnumbered_clauses() {
    let preamble = &declaration().preamble;
    let openings: Vec<&str> = preamble
        .iter()
        .map(|t| t.split(' ').next().unwrap_or(""))
        .collect();
    assert_eq!(
        openings,
        ["We,", "Assembled", "Taking", "Recalling", "Recognizing"]
    );
    assert_eq!(
        preamble[0],
        "We, Heads of State and Government, Ministers and Representatives of Member States,"
    );
    // The footnote marker after "Public Participation," (A/CONF.234/16) or after
    // "Criminal Justice," (ECOSOC copy) is gone.
    assert_eq!(
        preamble[3],
        "Recalling the Doha Declaration on Integrating Crime Prevention and Criminal Justice \
         into the Wider United Nations Agenda to Address Social and Economic Challenges and to \
         Promote the Rule of Law at the National and International Levels, and Public \
         Participation, adopted by the Thirteenth United Nations Congress on Crime Prevention \
         and Criminal Justice, in which we reaffirmed the need to integrate crime prevention and \
         criminal justice issues into the wider agenda of the United Nations in order to enhance \
         system-wide coordination,"
    );
    assert_eq!(
        preamble[4],
        "Recognizing the need to build upon the progress made since the Thirteenth Congress, \
         including the adoption of the 2030 Agenda for Sustainable Development and the \
         achievement thereof so far, and the challenges to overcome,"
    );
}

#[test]
fn ninety_seven_paragraphs_numbered_one_to_ninety_seven_without_gap() {
    let d = declaration();
    assert_eq!(d.paragraphs.len(), usize::from(PARAGRAPH_COUNT));
    for (i, p) in d.paragraphs.iter().enumerate() {
        assert_eq!(usize::from(p.number), i + 1, "paragraph at index {i}");
    }
    assert!(d.paragraph(0).is_none());
    assert!(d.paragraph(98).is_none());
}

#[test]
fn parts_with_their_introductions() {
    let d = declaration();
    let parts: Vec<(Part, &str, &str, [u8; 2])> = d
        .parts
        .iter()
        .map(|p| {
            (
                p.id,
                p.heading.as_str(),
                p.introduction.as_str(),
                p.paragraphs,
            )
        })
        .collect();
    assert_eq!(
        parts,
        [
            (
                Part::Declaratory,
                "Declaratory paragraphs",
                "Declare the following:",
                [1, 20]
            ),
            (
                Part::Actions,
                "Actions",
                "We therefore endeavour to take the following actions:",
                [21, 95]
            ),
            (
                Part::FollowUp,
                "Follow-up",
                "In order to ensure appropriate follow-up to this present declaration and to our \
                 commitments:",
                [96, 97]
            ),
        ]
    );
    for p in &d.paragraphs {
        let expected = match p.number {
            1..=20 => Part::Declaratory,
            21..=95 => Part::Actions,
            _ => Part::FollowUp,
        };
        assert_eq!(p.part, expected, "part of paragraph {}", p.number);
    }
    assert_eq!(
        d.part_paragraphs(Part::FollowUp).collect::<Vec<_>>(),
        [96, 97]
    );
}

/// First and last paragraph of each theme, its pillar and its heading as printed.
const THEMES: &[(u8, u8, Pillar, &str)] = &[
    (
        21,
        21,
        Pillar::I,
        "Addressing the causes, including the root causes, of crime",
    ),
    (22, 23, Pillar::I, "Evidence-based crime prevention"),
    (
        24,
        25,
        Pillar::I,
        "Addressing the economic dimension of crime",
    ),
    (26, 26, Pillar::I, "Tailor-made crime prevention strategies"),
    (
        27,
        28,
        Pillar::I,
        "Mainstreaming a gender perspective into crime prevention",
    ),
    (29, 29, Pillar::I, "Children and youth in crime prevention"),
    (30, 30, Pillar::I, "Youth empowerment for crime prevention"),
    (
        31,
        34,
        Pillar::II,
        "Safeguarding victims' rights and protecting witnesses and reporting persons",
    ),
    (35, 36, Pillar::II, "Improving prison conditions"),
    (
        37,
        42,
        Pillar::II,
        "Reducing reoffending through rehabilitation and reintegration",
    ),
    (
        43,
        44,
        Pillar::II,
        "Mainstreaming a gender perspective into criminal justice systems",
    ),
    (
        45,
        46,
        Pillar::II,
        "Addressing the vulnerabilities of children and youth in contact with the criminal \
         justice system",
    ),
    (
        47,
        47,
        Pillar::II,
        "Improving criminal investigation processes",
    ),
    (
        48,
        48,
        Pillar::III,
        "Access to justice and equal treatment before the law",
    ),
    (49, 49, Pillar::III, "Access to legal aid"),
    (50, 50, Pillar::III, "National sentencing policies"),
    (
        51,
        52,
        Pillar::III,
        "Effective, accountable, impartial and inclusive institutions",
    ),
    (53, 58, Pillar::III, "Effective anti-corruption efforts"),
    (
        59,
        59,
        Pillar::III,
        "Social, educational and other measures",
    ),
    (
        60,
        67,
        Pillar::IV,
        "International cooperation, including through capacity-building and technical assistance",
    ),
    (
        68,
        72,
        Pillar::IV,
        "International cooperation to deprive criminals of their proceeds of crime",
    ),
    (
        73,
        78,
        Pillar::IV,
        "Terrorism in all its forms and manifestations",
    ),
    (
        79,
        95,
        Pillar::IV,
        "New, emerging and evolving forms of crime",
    ),
];

#[test]
fn pillar_and_theme_of_every_paragraph() {
    for p in &declaration().paragraphs {
        let expected = THEMES
            .iter()
            .find(|(first, last, _, _)| (*first..=*last).contains(&p.number))
            .map(|(_, _, pillar, theme)| (*pillar, *theme));
        let actual = p.pillar.zip(p.theme.as_deref());
        assert_eq!(
            actual, expected,
            "pillar and theme of paragraph {}",
            p.number
        );
    }
}

#[test]
fn pillar_sections_as_printed() {
    let d = declaration();
    let headings: Vec<(Pillar, &str)> = d
        .pillars
        .iter()
        .map(|p| (p.id, p.heading.as_str()))
        .collect();
    assert_eq!(
        headings,
        [
            (Pillar::I, "Advancing crime prevention"),
            (Pillar::II, "Advancing the criminal justice system"),
            (Pillar::III, "Promoting the rule of law"),
            (
                Pillar::IV,
                "Promoting international cooperation and technical assistance to prevent and \
                 address all forms of crime"
            ),
        ]
    );
    let themes: Vec<(u8, u8, Pillar, &str)> = d
        .pillars
        .iter()
        .flat_map(|p| {
            p.themes.iter().map(move |t| {
                let first = t.paragraphs.first().copied().unwrap_or(0);
                let last = t.paragraphs.last().copied().unwrap_or(0);
                let run: Vec<u8> = (first..=last).collect();
                assert_eq!(t.paragraphs, run, "theme {:?} is a run", t.heading);
                (first, last, p.id, t.heading.as_str())
            })
        })
        .collect();
    assert_eq!(themes, THEMES);
    let ranges: Vec<(u8, u8)> = Pillar::ALL
        .iter()
        .map(|&pillar| {
            let numbers: Vec<u8> = d.pillar_paragraphs(pillar).collect();
            (numbers[0], numbers[numbers.len() - 1])
        })
        .collect();
    assert_eq!(ranges, [(21, 30), (31, 47), (48, 59), (60, 95)]);
}

/// Every string of the Declaration a widget may show.
fn all_texts() -> Vec<(String, &'static str)> {
    let d = declaration();
    let mut out: Vec<(String, &'static str)> = vec![("title".into(), d.title.as_str())];
    out.extend(
        d.preamble
            .iter()
            .enumerate()
            .map(|(i, t)| (format!("preamble {}", i + 1), t.as_str())),
    );
    for part in &d.parts {
        out.push((format!("part {:?} heading", part.id), part.heading.as_str()));
        out.push((
            format!("part {:?} introduction", part.id),
            part.introduction.as_str(),
        ));
    }
    for pillar in &d.pillars {
        out.push((
            format!("pillar {} heading", pillar.id),
            pillar.heading.as_str(),
        ));
        for theme in &pillar.themes {
            out.push((
                format!("theme of pillar {}", pillar.id),
                theme.heading.as_str(),
            ));
        }
    }
    for p in &d.paragraphs {
        out.push((format!("paragraph {}", p.number), p.text.as_str()));
        if let Some(theme) = &p.theme {
            out.push((format!("theme of paragraph {}", p.number), theme.as_str()));
        }
    }
    out
}

#[test]
fn no_extraction_artefact_left_in_any_text() {
    const FORBIDDEN: &[&str] = &[
        "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹", "⁰", "*", "[", "]", "<sup>", "</sup>", "#",
        "\\", "<i>", "](",
    ];
    for (place, t) in all_texts() {
        for bad in FORBIDDEN {
            assert!(!t.contains(bad), "{place} contains {bad:?}: {t}");
        }
        assert_eq!(t.trim(), t, "{place} has white space at an end");
        assert!(!t.contains("  "), "{place} has a double space");
        assert!(
            !t.contains('\n') && !t.contains('\t'),
            "{place} has a line break or tab"
        );
        assert!(!t.is_empty(), "{place} is empty");
    }
    for p in &declaration().paragraphs {
        let last = if p.number == 97 { '.' } else { ';' };
        assert!(
            p.text.ends_with(last),
            "paragraph {} ends with {last:?}",
            p.number
        );
        let first = p.text.chars().next().unwrap_or(' ');
        assert!(
            first.is_uppercase(),
            "paragraph {} starts with {first:?}",
            p.number
        );
        assert!(
            !p.text.starts_with(&format!("{}.", p.number)),
            "paragraph {} keeps its number in the text",
            p.number
        );
    }
}

#[test]
fn exact_text_of_paragraphs_the_seeds_split_or_annotate() {
    let expected: &[(u8, &str)] = &[
        (
            3,
            "We undertake to contribute to achieving the 2030 Agenda for Sustainable Development \
             through our efforts in crime prevention and criminal justice, with the firm \
             recognition that sustainable development and the rule of law are interlinked and \
             mutually reinforcing, that crime is an impediment to sustainable development and \
             that achieving sustainable development is an enabling factor for States to \
             effectively prevent and combat crime;",
        ),
        (
            13,
            "We express grave concern about the situation arising from the coronavirus disease \
             (COVID-19) and its social and economic implications, which have created new \
             opportunities for and transformed the modi operandi of criminals and organized \
             criminal groups in different forms and to different extents, as well as posed \
             challenges to criminal justice in multiple aspects;",
        ),
        (
            15,
            "We commit ourselves to take decisive actions and action-oriented measures to address \
             challenges and remove international impediments posed and aggravated by COVID-19 to \
             crime prevention and criminal justice, including by a multilateral approach and \
             strengthening the resilience of law enforcement and other criminal justice \
             institutions through multilateral cooperation and multi-stakeholder partnership, \
             with special attention to the urgent capacity-building and technical assistance \
             needs of developing countries in this regard, bearing in mind the long-term social \
             and economic implications of the pandemic, including for sustainable development \
             and international cooperation, and recognizing that the poorest and most vulnerable \
             are the hardest hit by the impact of the pandemic;",
        ),
        (
            20,
            "We commit to making full and effective use of the United Nations Convention against \
             Transnational Organized Crime and the Protocols thereto, the United Nations \
             Convention against Corruption, the three international drug control conventions, \
             relevant international conventions and protocols related to counter-terrorism, as \
             parties to those instruments, and other relevant international obligations, \
             including as a basis to facilitate international cooperation;",
        ),
        (
            24,
            "Develop and implement effective measures to address the economic dimension of crime \
             and deprive criminals and criminal organizations of any illicit gains through, inter \
             alia, identifying, tracing, seizing, confiscating, recovering and returning proceeds \
             of crime, as well as establishing robust domestic frameworks for financial \
             investigations, and to develop strategies to prevent and combat money-laundering and \
             illicit financial flows;",
        ),
        (
            29,
            "Address the needs and protect the rights of children and youth, with due \
             consideration to their vulnerabilities, to ensure their protection from all forms of \
             crime, violence, abuse and exploitation both online and offline, such as sexual \
             abuse and exploitation of children and trafficking in persons, noting the particular \
             vulnerabilities of children in the context of smuggling of migrants, as well as \
             recruitment by organized criminal groups including gangs, as well as by terrorist \
             groups;",
        ),
        (
            35,
            "Improve the detention conditions for both pretrial and post-trial detainees and the \
             capacities of prison, correction and other relevant officers in this regard, \
             including by promoting the practical application of relevant provisions of the \
             United Nations Standard Minimum Rules for the Treatment of Prisoners (the Nelson \
             Mandela Rules), as well as the United Nations Rules for the Treatment of Women \
             Prisoners and Non-custodial Measures for Women Offenders (the Bangkok Rules);",
        ),
        (
            42,
            "Facilitate, where appropriate and in accordance with domestic legal frameworks, \
             restorative justice processes at relevant stages in criminal proceedings in order to \
             assist the recovery of victims and the reintegration of offenders, as well as to \
             prevent crime and recidivism, and assess their usefulness in this regard;",
        ),
        (
            43,
            "Develop and implement appropriate and effective policies and plans to achieve gender \
             equality and remove impediments to the advancement of women and women's empowerment \
             in law enforcement and other criminal justice institutions at all levels, and in \
             this regard pledge to take further concrete action to ensure the full, effective and \
             accelerated implementation of the Beijing Declaration and Platform for Action and of \
             the outcome documents as adopted at the twenty-third special session of the General \
             Assembly;",
        ),
        (
            45,
            "Establish or strengthen juvenile justice systems or other similar proceedings that \
             address the seriousness of the offending behaviour and the degree of responsibility \
             of juveniles, as well as their vulnerabilities and the causes, including the root \
             causes, and risk factors of their offending behaviour, in order to facilitate their \
             rehabilitation and reintegration, including by promoting the practical application \
             of relevant provisions of the United Nations Standard Minimum Rules for the \
             Administration of Juvenile Justice (the Beijing Rules);",
        ),
        (
            51,
            "Ensure the integrity and impartiality of law enforcement and other institutions \
             comprising the criminal justice system, as well as the independence of the \
             judiciary, and ensure the fair, effective, accountable, transparent and appropriate \
             administration and delivery of justice, while taking into consideration the \
             documents noted by relevant General Assembly and Economic and Social Council \
             resolutions;",
        ),
        (
            57,
            "Investigate, prosecute and punish threats and acts of violence, falling within their \
             jurisdiction, committed against journalists and media workers, whose professional \
             duties put them at specific risk of intimidation, harassment and violence through \
             the conduct of impartial, efficient and effective investigations, in particular in \
             the context of fighting corruption and organized criminal activities, including in \
             conflict and post-conflict situations, with a view to ending impunity for crimes \
             committed against them, in accordance with national legislation and applicable \
             international law;",
        ),
        (
            65,
            "Continue to enhance international cooperation through technical assistance and \
             capacity-building, including with the support of the United Nations Office on Drugs \
             and Crime, and build upon ongoing initiatives and good practices such as the Global \
             Programme for the Implementation of the Doha Declaration;",
        ),
        (
            73,
            "Strengthen cooperation at the international, regional and subregional levels to \
             prevent and combat all acts, methods and practices of terrorism in all its forms and \
             manifestations, including by strengthening the rule of law at all levels and by \
             ensuring the implementation by parties of the relevant international conventions \
             and protocols related to counter-terrorism and by formulating strategies aimed at \
             effectively addressing the conditions conducive to the spread of terrorism including \
             violent extremism as and when conducive to terrorism, while recognizing that nothing \
             can justify acts of terrorism, and implement the United Nations Global \
             Counter-Terrorism Strategy in all its aspects at the international, subregional and \
             national levels without delay, including by mobilizing resources and expertise;",
        ),
        (
            82,
            "Adopt and implement effective measures to prevent and combat the smuggling of \
             migrants and protect the lives and the human rights of migrants, consistent with the \
             respective obligations of parties under the Organized Crime Convention and the \
             Protocol against the Smuggling of Migrants by Land, Sea and Air, supplementing the \
             Convention and all other relevant international obligations, especially on human \
             rights, strengthen bilateral, regional and international cooperation in this regard, \
             in particular to tackle, including through the concurrent undertaking of financial \
             investigations and special investigative techniques, the increasing role of \
             transnational and national organized criminal groups profiting from such crime and \
             other crimes against migrants, and underscore to make every possible effort to \
             prevent further casualties and loss of lives;",
        ),
        (
            87,
            "Adopt effective measures to prevent and combat crimes that affect the environment, \
             such as illicit trafficking in wildlife, including, inter alia, flora and fauna as \
             protected by the Convention on International Trade in Endangered Species of Wild \
             Fauna and Flora, in timber and timber products, in hazardous wastes and other wastes \
             and in precious metals, stones and other minerals, as well as, inter alia, poaching, \
             by making the best possible use of relevant international instruments and by \
             strengthening legislation, international cooperation, capacity-building, criminal \
             justice responses and law enforcement efforts aimed at, inter alia, dealing with \
             transnational organized crime, corruption and money-laundering linked to such \
             crimes, and illicit financial flows derived from such crimes, while acknowledging \
             the need to deprive criminals of proceeds of crime;",
        ),
        (
            89,
            "Strengthen national and international responses to trafficking in cultural property \
             and other crimes targeting cultural property, and any links to the financing of \
             organized crime and terrorism, and enhance international cooperation in this regard, \
             including through appropriate channels, the return or restitution of such illicitly \
             trafficked cultural properties to countries of origin, taking into consideration \
             existing instruments such as the Organized Crime Convention, the Convention on the \
             Means of Prohibiting and Preventing the Illicit Import, Export and Transfer of \
             Ownership of Cultural Property, the International Guidelines for Crime Prevention \
             and Criminal Justice Responses with Respect to Trafficking in Cultural Property and \
             Other Related Offences, and other relevant instruments, and with a view to \
             considering all possible options to make effective use of the applicable \
             international legal framework to combat crimes against cultural property, and \
             considering any proposals to supplement the existing framework for international \
             cooperation, as necessary;",
        ),
        (
            95,
            "Promote, at the national, regional and international levels, with due respect for \
             domestic legal frameworks and the principles of international law, public-private \
             partnerships with the digital industry, the financial sector and communication \
             service providers to enhance international cooperation to combat cybercrime;",
        ),
        (
            97,
            "We express our profound gratitude to the people and Government of Japan for their \
             warm and generous hospitality and for the excellent facilities provided for the \
             Fourteenth Congress.",
        ),
    ];
    for (number, want) in expected {
        assert_eq!(text(*number), *want, "text of paragraph {number}");
    }
}

fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The public source documents the Declaration is generated from, kept in the
/// repository (`data/sources/`, see its README).
fn seeds_dir() -> PathBuf {
    let dir = repo_root().join("data").join("sources");
    assert!(
        dir.is_dir(),
        "the source documents are not at {}: the generator check needs them",
        dir.display()
    );
    dir
}

/// Runs a generator script with `--check` and fails with its output if it fails.
pub fn run_python_check(script: &str, args: &[&str]) {
    let output = Command::new("python3")
        .current_dir(repo_root())
        .arg(script)
        .args(args)
        .arg("--check")
        .output()
        .unwrap_or_else(|e| panic!("cannot run python3 {script}: {e}"));
    assert!(
        output.status.success(),
        "python3 {script} --check failed ({}): the committed files differ from what the script \
         produces; run `python3 {script}` and commit the result.\n--- stdout\n{}\n--- stderr\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn committed_json_and_sources_doc_equal_the_generator_output() {
    let seeds = seeds_dir();
    let seeds = seeds.to_str().expect("seeds path is UTF-8");
    run_python_check("tools/gen_declaration.py", &[seeds]);
}

#[test]
fn www_copies_of_the_sample_are_in_sync() {
    run_python_check("tools/gen_sample.py", &[]);
}

#[test]
fn the_outline_is_the_declaration_without_its_text() {
    let outline: Declaration =
        serde_json::from_str(kyoto_widgets::core::declaration::OUTLINE_JSON).expect("outline");
    let mut whole = declaration().clone();
    whole.preamble.clear();
    for p in &mut whole.paragraphs {
        p.text.clear();
    }
    assert_eq!(outline, whole);
    assert_eq!(outline.paragraphs.len(), usize::from(PARAGRAPH_COUNT));
    // What the chart's module builds from build.rs's constants is the file.
    assert_eq!(Declaration::outline(), outline);
}
