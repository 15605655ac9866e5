//! Unsupervised word clusters for tagger features, induced from unlabelled
//! text with the exchange algorithm (Kneser & Ney 1993; Martin, Liermann &
//! Ney 1998): words are moved one at a time to the class that most raises
//! the likelihood of a class bigram model, until few words move.
//!
//! The clustering is hierarchical in the sense that matters for features
//! (Koo et al. 2008; Owoputi et al. 2013 use Brown-cluster bit-string
//! prefixes): after the fine classes are found, the classes themselves are
//! clustered by the same algorithm over their class bigram counts, and so
//! on, giving nested levels (by default 1024 → 256 → 64 → 16 classes) whose ids play
//! the role of prefixes of different lengths. Each level costs a tiny
//! fraction of the first.
//!
//! Everything is deterministic given the options (the seed shuffles the
//! order in which words are visited).

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use crate::codec::{self, ByteReader, ByteWriter};
use crate::error::ModelError;
use crate::perceptron::Rng;

/// Model-file kind tag.
const KIND: &str = "clusters";
/// Payload format version.
const VERSION: u32 = 1;

/// Options of [`induce`].
#[derive(Debug, Clone)]
pub struct ClusterOptions {
    /// Class counts of the levels, finest first; each coarser level
    /// clusters the classes of the one before (e.g. `[1024, 256, 64, 16]`).
    pub classes: Vec<usize>,
    /// Words seen fewer times share one "rare word" item during induction
    /// and get no cluster.
    pub min_count: u32,
    /// Maximum passes over the vocabulary per level.
    pub iterations: usize,
    /// Stop a level when fewer than this share of its items moved in a pass.
    pub min_moved: f64,
    /// Cluster case-folded forms with digits written `0` (the tagger's
    /// normalised form) instead of forms as written.
    pub lowercase: bool,
    /// Seed of the visiting order.
    pub seed: u64,
    /// Progress lines on stderr.
    pub verbose: bool,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            classes: vec![1024, 256, 64, 16],
            min_count: 2,
            iterations: 12,
            min_moved: 0.002,
            lowercase: true,
            seed: 1,
            verbose: false,
        }
    }
}

/// Word → cluster ids at every level (finest first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clusters {
    lowercase: bool,
    /// Class counts per level, finest first.
    sizes: Vec<u16>,
    /// The clustered words (normalised when `lowercase`), most frequent
    /// first.
    words: Vec<String>,
    /// `levels` ids per word.
    ids: Vec<u16>,
    index: HashMap<String, u32>,
}

impl Clusters {
    fn new(lowercase: bool, sizes: Vec<u16>, words: Vec<String>, ids: Vec<u16>) -> Self {
        let index = words
            .iter()
            .enumerate()
            .map(|(i, w)| (w.clone(), i as u32))
            .collect();
        Clusters {
            lowercase,
            sizes,
            words,
            ids,
            index,
        }
    }

    /// Whether words are looked up by their normalised form (lower case,
    /// ASCII digits written `0`).
    pub fn lowercase(&self) -> bool {
        self.lowercase
    }

    /// Class counts per level, finest first.
    pub fn sizes(&self) -> &[u16] {
        &self.sizes
    }

    /// Number of levels.
    pub fn levels(&self) -> usize {
        self.sizes.len()
    }

    /// Number of clustered words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether no word has a cluster.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The form under which `word` is looked up.
    pub fn key<'a>(&self, word: &'a str) -> std::borrow::Cow<'a, str> {
        if self.lowercase {
            std::borrow::Cow::Owned(normalise(word))
        } else {
            std::borrow::Cow::Borrowed(word)
        }
    }

    /// The cluster ids of `word` at every level (finest first), if it has
    /// a cluster.
    pub fn get(&self, word: &str) -> Option<&[u16]> {
        let i = *self.index.get(self.key(word).as_ref())? as usize;
        Some(self.path(i))
    }

    fn path(&self, i: usize) -> &[u16] {
        let l = self.levels();
        &self.ids[i * l..(i + 1) * l]
    }

    /// Every clustered word (as stored: normalised when
    /// [`lowercase`](Self::lowercase)) with its ids.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[u16])> {
        self.words
            .iter()
            .enumerate()
            .map(|(i, w)| (w.as_str(), self.path(i)))
    }

    /// Appends the clusters to a model payload.
    pub fn write(&self, w: &mut ByteWriter) {
        w.u32(VERSION);
        w.u32(u32::from(self.lowercase));
        w.u32(self.sizes.len() as u32);
        for &s in &self.sizes {
            w.u32(u32::from(s));
        }
        w.strings(&self.words);
        for &id in &self.ids {
            w.i16(id as i16);
        }
    }

    /// Reads clusters written by [`Clusters::write`].
    pub fn read(r: &mut ByteReader<'_>) -> Result<Clusters, ModelError> {
        let version = r.u32()?;
        if version != VERSION {
            return Err(ModelError::Corrupt(format!(
                "clusters format {version}, expected {VERSION}"
            )));
        }
        let lowercase = r.u32()? != 0;
        let levels = r.len(4)?;
        let mut sizes = Vec::with_capacity(levels);
        for _ in 0..levels {
            let s = r.u32()?;
            if s == 0 || s > u32::from(u16::MAX) {
                return Err(ModelError::Corrupt("cluster level size".into()));
            }
            sizes.push(s as u16);
        }
        let words = r.strings()?;
        let n = words.len() * levels;
        let raw = r.bytes(n * 2)?;
        let mut ids = Vec::with_capacity(n);
        for (k, pair) in raw.chunks_exact(2).enumerate() {
            let id = u16::from_le_bytes([pair[0], pair[1]]);
            if id >= sizes[k % levels] {
                return Err(ModelError::Corrupt("cluster id out of range".into()));
            }
            ids.push(id);
        }
        Ok(Clusters::new(lowercase, sizes, words, ids))
    }

    /// The bytes of a clusters file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = ByteWriter::new();
        self.write(&mut w);
        codec::encode_file(KIND, &w.into_bytes())
    }

    /// Reads the bytes of a clusters file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Clusters, ModelError> {
        let payload = codec::decode_file(KIND, bytes)?;
        Self::read(&mut ByteReader::new(&payload))
    }

    /// Writes a clusters file.
    pub fn save(&self, path: &Path) -> Result<(), ModelError> {
        std::fs::write(path, self.to_bytes()).map_err(|source| ModelError::Io {
            path: path.display().to_string(),
            source,
        })
    }

    /// Reads a clusters file written by [`Clusters::save`].
    pub fn load(path: &Path) -> Result<Clusters, ModelError> {
        let payload = codec::load_file(path, KIND)?;
        Self::read(&mut ByteReader::new(&payload))
    }
}

/// Lower case with every ASCII digit written `0` (the tagger's normalised
/// form).
pub fn normalise(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if c.is_ascii_digit() {
            out.push('0');
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Induces clusters from tokenised sentences.
pub fn induce(sentences: &[Vec<String>], opts: &ClusterOptions) -> Clusters {
    let start = Instant::now();
    let key = |w: &str| {
        if opts.lowercase {
            normalise(w)
        } else {
            w.to_string()
        }
    };
    // Vocabulary, most frequent first (ties alphabetical).
    let mut counts: HashMap<String, u64> = HashMap::new();
    for s in sentences {
        for w in s {
            *counts.entry(key(w)).or_default() += 1;
        }
    }
    let mut vocab: Vec<(String, u64)> = counts
        .into_iter()
        .filter(|&(_, n)| n >= u64::from(opts.min_count.max(1)))
        .collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let index: HashMap<&str, u32> = vocab
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (w.as_str(), i as u32 + ITEMS_BASE))
        .collect();
    // Items: 0 the sentence boundary, 1 every rare word, then the vocabulary.
    let n_items = vocab.len() + ITEMS_BASE as usize;
    let mut bigrams: HashMap<(u32, u32), u64> = HashMap::new();
    for s in sentences {
        let mut prev = BOUNDARY;
        for w in s {
            let id = index.get(key(w).as_str()).copied().unwrap_or(RARE);
            *bigrams.entry((prev, id)).or_default() += 1;
            prev = id;
        }
        *bigrams.entry((prev, BOUNDARY)).or_default() += 1;
    }
    let mut bigrams: Vec<((u32, u32), u64)> = bigrams.into_iter().collect();
    bigrams.sort_unstable();
    let graph = Graph::new(n_items, &bigrams);
    if opts.verbose {
        eprintln!(
            "clusters: {} sentences, {} words (count >= {}), {} bigram types ({:.1}s)",
            sentences.len(),
            vocab.len(),
            opts.min_count,
            bigrams.len(),
            start.elapsed().as_secs_f64()
        );
    }
    // Level by level: cluster the items, then the classes.
    let mut rng = Rng::new(opts.seed);
    let mut assignment: Vec<u32> = (0..n_items as u32).collect();
    let mut graph = graph;
    let mut fixed = BOUNDARY as usize;
    let mut paths: Vec<Vec<u16>> = Vec::new();
    let mut sizes = Vec::new();
    for &k in &opts.classes {
        let k = k.clamp(1, graph.n - 1);
        let classes = exchange(&graph, fixed, k, opts, &mut rng);
        if opts.verbose {
            eprintln!("  level {k}: done ({:.1}s)", start.elapsed().as_secs_f64());
        }
        // Compose: word → item of this level → class.
        for a in assignment.iter_mut() {
            *a = classes[*a as usize];
        }
        paths.push(
            assignment[ITEMS_BASE as usize..]
                .iter()
                .map(|&c| c as u16)
                .collect(),
        );
        sizes.push(k as u16);
        graph = graph.collapse(&classes, k + 1);
        // The boundary's class is the boundary item of the next level.
        fixed = k;
    }
    let levels = sizes.len();
    let mut ids = Vec::with_capacity(vocab.len() * levels);
    for i in 0..vocab.len() {
        ids.extend(paths.iter().map(|p| p[i]));
    }
    let words = vocab.into_iter().map(|(w, _)| w).collect();
    Clusters::new(opts.lowercase, sizes, words, ids)
}

/// Item of the sentence boundary (its own fixed class).
const BOUNDARY: u32 = 0;
/// Item shared by all rare words.
const RARE: u32 = 1;
/// First vocabulary item.
const ITEMS_BASE: u32 = 2;

/// Bigram counts between items, as successor and predecessor lists.
struct Graph {
    n: usize,
    succ: Vec<Vec<(u32, u64)>>,
    pred: Vec<Vec<(u32, u64)>>,
    /// Count of the item followed by itself.
    selfs: Vec<u64>,
    /// Occurrences as the left / right element of a bigram.
    left: Vec<u64>,
    right: Vec<u64>,
    total: u64,
}

impl Graph {
    fn new(n: usize, bigrams: &[((u32, u32), u64)]) -> Self {
        let mut g = Graph {
            n,
            succ: vec![Vec::new(); n],
            pred: vec![Vec::new(); n],
            selfs: vec![0; n],
            left: vec![0; n],
            right: vec![0; n],
            total: 0,
        };
        for &((a, b), c) in bigrams {
            let (a, b) = (a as usize, b as usize);
            g.left[a] += c;
            g.right[b] += c;
            g.total += c;
            if a == b {
                g.selfs[a] += c;
            } else {
                g.succ[a].push((b as u32, c));
                g.pred[b].push((a as u32, c));
            }
        }
        g
    }

    /// The graph of the classes (`n` of them, the boundary's included)
    /// given each item's class.
    fn collapse(&self, class: &[u32], n: usize) -> Graph {
        let mut counts: HashMap<(u32, u32), u64> = HashMap::new();
        for a in 0..self.n {
            let ca = class[a];
            if self.selfs[a] > 0 {
                *counts.entry((ca, ca)).or_default() += self.selfs[a];
            }
            for &(b, c) in &self.succ[a] {
                *counts.entry((ca, class[b as usize])).or_default() += c;
            }
        }
        let mut bigrams: Vec<((u32, u32), u64)> = counts.into_iter().collect();
        bigrams.sort_unstable();
        Graph::new(n, &bigrams)
    }
}

/// `x ln x` for every count up to the corpus size.
struct XLogX(Vec<f64>);

impl XLogX {
    fn new(max: u64) -> Self {
        XLogX(
            (0..=max)
                .map(|x| {
                    if x == 0 {
                        0.0
                    } else {
                        x as f64 * (x as f64).ln()
                    }
                })
                .collect(),
        )
    }
    #[inline]
    fn get(&self, x: u64) -> f64 {
        self.0[x as usize]
    }
}

/// The exchange algorithm over the items of `g`: item `fixed` (the
/// boundary) keeps class `k`; the others get classes `0..k`. Returns each
/// item's class.
fn exchange(g: &Graph, fixed: usize, k: usize, opts: &ClusterOptions, rng: &mut Rng) -> Vec<u32> {
    let f = XLogX::new(g.total);
    let width = k + 1;
    // Initial classes: items by frequency, dealt round-robin.
    let mut by_freq: Vec<usize> = (0..g.n).filter(|&i| i != fixed).collect();
    by_freq.sort_by(|&a, &b| {
        (g.left[b] + g.right[b])
            .cmp(&(g.left[a] + g.right[a]))
            .then(a.cmp(&b))
    });
    let mut class = vec![k as u32; g.n];
    for (rank, &item) in by_freq.iter().enumerate() {
        class[item] = (rank % k) as u32;
    }
    // Class bigram counts (row = left class) and class marginals.
    let mut m = vec![0u64; width * width];
    let mut left = vec![0u64; width];
    let mut right = vec![0u64; width];
    for a in 0..g.n {
        let ca = class[a] as usize;
        left[ca] += g.left[a];
        right[ca] += g.right[a];
        m[ca * width + ca] += g.selfs[a];
        for &(b, c) in &g.succ[a] {
            m[ca * width + class[b as usize] as usize] += c;
        }
    }
    let mut order = by_freq.clone();
    rng.shuffle(&mut order);
    let mut xs = vec![0u64; width];
    let mut ys = vec![0u64; width];
    let mut tx: Vec<usize> = Vec::new();
    let mut ty: Vec<usize> = Vec::new();
    for pass in 0..opts.iterations {
        let mut moved = 0usize;
        for &w in &order {
            let a = class[w] as usize;
            // Class counts of w's neighbours (itself excluded).
            tx.clear();
            ty.clear();
            for &(v, c) in &g.succ[w] {
                let d = class[v as usize] as usize;
                if xs[d] == 0 {
                    tx.push(d);
                }
                xs[d] += c;
            }
            for &(u, c) in &g.pred[w] {
                let d = class[u as usize] as usize;
                if ys[d] == 0 {
                    ty.push(d);
                }
                ys[d] += c;
            }
            let s = g.selfs[w];
            let (nl, nr) = (g.left[w], g.right[w]);
            // Take w out of a.
            for &d in &tx {
                m[a * width + d] -= xs[d];
            }
            for &c in &ty {
                m[c * width + a] -= ys[c];
            }
            m[a * width + a] -= s;
            left[a] -= nl;
            right[a] -= nr;
            // The gain of putting w into each class; the current one wins
            // ties.
            let gain = |b: usize, m: &[u64]| {
                let row = &m[b * width..(b + 1) * width];
                let mut delta = 0.0;
                for &d in &tx {
                    if d != b {
                        delta += f.get(row[d] + xs[d]) - f.get(row[d]);
                    }
                }
                for &c in &ty {
                    if c != b {
                        let v = m[c * width + b];
                        delta += f.get(v + ys[c]) - f.get(v);
                    }
                }
                let bb = row[b];
                delta += f.get(bb + xs[b] + ys[b] + s) - f.get(bb);
                delta -= f.get(left[b] + nl) - f.get(left[b]);
                delta -= f.get(right[b] + nr) - f.get(right[b]);
                delta
            };
            let mut best = a;
            let mut best_gain = gain(a, &m);
            for b in 0..k {
                if b != a {
                    let g = gain(b, &m);
                    if g > best_gain + 1e-9 {
                        best = b;
                        best_gain = g;
                    }
                }
            }
            // Put w into best.
            for &d in &tx {
                m[best * width + d] += xs[d];
            }
            for &c in &ty {
                m[c * width + best] += ys[c];
            }
            m[best * width + best] += s;
            left[best] += nl;
            right[best] += nr;
            if best != a {
                moved += 1;
                class[w] = best as u32;
            }
            for &d in &tx {
                xs[d] = 0;
            }
            for &c in &ty {
                ys[c] = 0;
            }
        }
        if opts.verbose {
            eprintln!("    pass {}: {moved} moved", pass + 1);
        }
        if (moved as f64) < opts.min_moved * order.len() as f64 {
            break;
        }
    }
    class
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Vec<Vec<String>> {
        let mut out = Vec::new();
        let dets = ["the", "a", "this", "that"];
        let nouns = ["dog", "cat", "bird", "horse", "cow"];
        let verbs = ["runs", "sleeps", "eats", "sings"];
        for (i, d) in dets.iter().enumerate() {
            for (j, n) in nouns.iter().enumerate() {
                for (k, v) in verbs.iter().enumerate() {
                    if (i + j + k) % 2 == 0 {
                        out.push(
                            [d, n, v, "."]
                                .iter()
                                .map(|s| s.to_string())
                                .collect::<Vec<_>>(),
                        );
                    }
                }
            }
        }
        out
    }

    #[test]
    fn words_with_identical_contexts_share_a_cluster() {
        let opts = ClusterOptions {
            classes: vec![4, 2],
            min_count: 2,
            ..ClusterOptions::default()
        };
        let clusters = induce(&corpus(), &opts);
        assert_eq!(clusters.levels(), 2);
        let fine = |w: &str| clusters.get(w).unwrap()[0];
        for group in [
            &["the", "a", "this", "that"][..],
            &["dog", "cat", "bird", "horse", "cow"],
            &["runs", "sleeps", "eats", "sings"],
        ] {
            for w in group {
                assert_eq!(fine(w), fine(group[0]), "{w} vs {}", group[0]);
            }
        }
        assert_ne!(fine("the"), fine("dog"));
        assert_ne!(fine("dog"), fine("runs"));
        assert_ne!(fine("runs"), fine("."));
        // Case-folded lookup.
        assert_eq!(clusters.get("The"), clusters.get("the"));
        assert!(clusters.get("unicorn").is_none());
        // Deterministic.
        assert_eq!(induce(&corpus(), &opts), clusters);
    }

    #[test]
    fn save_load_round_trip() {
        let clusters = induce(
            &corpus(),
            &ClusterOptions {
                classes: vec![6, 3],
                ..ClusterOptions::default()
            },
        );
        let bytes = clusters.to_bytes();
        let back = Clusters::from_bytes(&bytes).unwrap();
        assert_eq!(back, clusters);
        assert_eq!(back.get("cat"), clusters.get("cat"));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("clusters.bin");
        clusters.save(&path).unwrap();
        assert_eq!(Clusters::load(&path).unwrap(), clusters);
        assert!(Clusters::from_bytes(&bytes[..bytes.len() - 3]).is_err());
    }
}
