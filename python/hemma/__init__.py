"""hemma: an agent-based simulation of how Swedish households, landlords and
municipal policies produce -- or prevent -- homelessness and evictions.

This package is the same Rust model as the ``hemma`` command line and the
dashboard, imported instead of called: the same scenario in the same seed
gives bit-identical results (``fingerprints`` equal ``hemma run
--fingerprint``). Results come back as data frames in the tidy layouts of
the CLI's files (``aggregate.csv``, ``yearly.csv``, ``replications.csv``,
``comparison.csv``, a sweep's ``results.csv``), through Arrow. Every value
in them is for the whole municipality: counts and kronor are the simulated
totals divided by the scenario's ``scale`` (:func:`outputs`, ``scaling``).

A short tour::

    import hemma
    hemma.presets()                      # the nine places, with sources
    base = hemma.Scenario("norrkoping")  # a preset's default run, from the data year
    hf = base.replace(instruments=[{"kind": "housing_first", "places": 40}])
    res = hemma.run(base, replications=10)
    res.yearly.query("output == 'homeless_per_10k'")
    cmp = hemma.compare(base, hf)
    cmp.differences.query("output == 'n_homeless' and period == 'projection'")

Long runs release the GIL, use all cores (``threads=`` to choose), stop on
Ctrl-C (``KeyboardInterrupt`` within a second) and show a progress bar
(tqdm when installed) unless ``progress=False``.

Functions: :func:`presets`, :func:`parameters`, :func:`outputs`,
:func:`instruments`, :func:`run`, :func:`compare`, :func:`sweep`;
classes: :class:`Scenario`, :class:`Results`, :class:`Comparison`,
:class:`SweepResults`, :class:`Simulation`.
"""

from __future__ import annotations

import json
import os
import sys
import warnings as _warnings
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple, Union

import pyarrow as pa
import pyarrow.ipc

from . import _hemma

__all__ = [
    "Comparison",
    "Results",
    "Scenario",
    "Simulation",
    "SweepResults",
    "compare",
    "instruments",
    "outputs",
    "parameters",
    "presets",
    "run",
    "sweep",
]

__version__, __git_commit__ = _hemma.version()

#: What a data frame argument ``frame=`` accepts.
FRAMES = ("pandas", "polars", "arrow")

PathLike = Union[str, "os.PathLike[str]"]


def _frame(data: bytes, frame: str) -> Any:
    """An Arrow IPC stream as a pandas or polars data frame or an Arrow table."""
    return _from_table(pa.ipc.open_stream(data).read_all(), frame)


def _from_table(table: Any, frame: str) -> Any:
    _check_frame(frame)
    if frame == "arrow":
        return table
    if frame == "polars":
        try:
            import polars as pl
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise ImportError("frame='polars' needs polars: pip install polars") from e
        return pl.from_arrow(table)
    return table.to_pandas()


def _check_frame(frame: str) -> None:
    if frame not in FRAMES:
        raise ValueError(f"frame = {frame!r}: allowed {', '.join(repr(f) for f in FRAMES)}")


# --- the tables -----------------------------------------------------------


def presets(frame: str = "pandas") -> Any:
    """The places: population, tenure shares, the homeless count and executed
    evictions at the start, each covariate with its flag (observed, derived,
    assumption, national) and year, and the sources."""
    return _frame(_hemma.catalogue("presets"), frame)


def parameters(frame: str = "pandas") -> Any:
    """The parameter table: name, default, unit, min, max, kind, description,
    source. Override a parameter with ``Scenario(..., params={name: value})``."""
    return _frame(_hemma.catalogue("parameters"), frame)


def outputs(frame: str = "pandas") -> Any:
    """The outputs: name, unit, kind (``stock`` such as ``n_*``, ``flow``
    ``new_*``, ``cumulative`` ``cum_*``, ``rate`` such as ``*_per_10k``),
    scaling (``total``: a count or a sum of kronor, which every table gives
    for the whole municipality, the simulated total divided by ``scale``;
    ``ratio``: the same at any scale), description."""
    return _frame(_hemma.catalogue("outputs"), frame)


def instruments(frame: str = "pandas") -> Any:
    """Every instrument's settings, one row per setting: instrument (the
    ``kind`` of an ``instruments`` entry), setting, label, unit, role
    (``count``, ``in_force``, ``volume``, ``money``, ``share``,
    ``duration``, ``rate``, ``factor``, ``choice`` or ``flag``), sized_to
    (whom a count, stock in force or volume is for: ``place``, ``homeless``
    or ``support_needs``), type, default, min, max, options, description,
    source."""
    return _frame(_hemma.catalogue("instruments"), frame)


# --- scenarios ------------------------------------------------------------


class Scenario:
    """A validated scenario: a place, a horizon, a seed, parameter overrides
    and instruments -- the scenario file format of the CLI.

    Build one from

    * a preset's id -- its default run from the data year
      (``Scenario("karlstad")``);
    * a scenario file, TOML or JSON (``Scenario("examples/karlstad.toml")``,
      place files relative to it);
    * a dict (``Scenario({"preset": "uppsala", "horizon_months": 60})``);
    * keyword arguments (``Scenario(preset="uppsala", horizon_months=60)``),
      alone or changing the fields of the first two.

    A bad value raises ``ValueError`` naming the field, the value and what is
    allowed -- the message ``hemma validate`` prints.
    """

    __slots__ = ("_inner",)

    def __init__(self, source: Union[PathLike, Mapping[str, Any], None] = None, /, **fields: Any) -> None:
        if isinstance(source, Scenario):
            inner = source._inner
        elif source is None:
            if not fields:
                raise ValueError("a scenario needs a preset's id, a file, a dict or keyword fields such as preset='karlstad'")
            inner = _parse_dict(fields, "<keywords>")
            fields = {}
        elif isinstance(source, Mapping):
            inner = _parse_dict(dict(source), "<dict>")
        elif isinstance(source, (str, os.PathLike)):
            inner = _hemma.Scenario.load(os.fspath(source))
        else:
            raise TypeError(f"Scenario(source): expected a preset's id, a path or a dict, got {type(source).__name__}")
        for note in inner.notes:
            print(f"note: {note}", file=sys.stderr)
        if fields:
            changed = json.loads(inner.to_json())
            changed.update(fields)
            inner = _parse_dict(changed, "<keywords>")
        self._inner = inner
        _warn(inner)

    @classmethod
    def from_toml(cls, text: str, origin: str = "<toml>") -> "Scenario":
        """A scenario from TOML text."""
        return cls._wrap(_hemma.Scenario.parse(text, "toml", origin))

    @classmethod
    def from_json(cls, text: str, origin: str = "<json>") -> "Scenario":
        """A scenario from JSON text."""
        return cls._wrap(_hemma.Scenario.parse(text, "json", origin))

    @classmethod
    def _wrap(cls, inner: Any) -> "Scenario":
        s = cls.__new__(cls)
        s._inner = inner
        _warn(inner)
        return s

    @property
    def warnings(self) -> List[str]:
        """What the scenario asks for that will not do what it seems to (for
        example flats supplied to the municipality that no instrument places
        households in), as "field: message"; each is also issued as a
        :class:`UserWarning` when the scenario is made."""
        return list(self._inner.warnings)

    def to_dict(self) -> Dict[str, Any]:
        """The scenario as a dict of the file format (every field, defaults filled in)."""
        return json.loads(self._inner.to_json())

    def to_json(self) -> str:
        """The scenario as JSON text, which ``hemma run`` reads."""
        return self._inner.to_json()

    def replace(self, **fields: Any) -> "Scenario":
        """A copy with some top-level fields changed, validated again."""
        d = self.to_dict()
        d.update(fields)
        return Scenario._wrap(_parse_dict(d, "<replace>"))

    @property
    def name(self) -> str:
        """The scenario's name."""
        return self.to_dict()["name"]

    @property
    def place(self) -> str:
        """The place's id."""
        return self._inner.place

    @property
    def place_name(self) -> str:
        """The place's name."""
        return self._inner.place_name

    @property
    def seed(self) -> int:
        """The seed; replication ``r`` of the same seed is the same run everywhere."""
        return self.to_dict()["seed"]

    @property
    def replications(self) -> int:
        """Replications a run makes unless told otherwise."""
        return self.to_dict()["replications"]

    @property
    def first_year(self) -> int:
        """The first reported year (2011 when the scenario starts later: the history comes first)."""
        return self._inner.first_year

    @property
    def months_per_replication(self) -> int:
        """Months each replication simulates, burn-in and history included."""
        return self._inner.months_per_replication

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Scenario) and self.to_dict() == other.to_dict()

    def __repr__(self) -> str:
        d = self.to_dict()
        kinds = [i.get("kind") for i in d.get("instruments", [])]
        return (
            f"Scenario({d['name']!r}, place={self.place!r}, scale={d['scale']}, start_year={d['start_year']}, "
            f"horizon_months={d['horizon_months']}, seed={d['seed']}, replications={d['replications']}, instruments={kinds})"
        )


def _parse_dict(d: Mapping[str, Any], origin: str) -> Any:
    try:
        text = json.dumps(d, allow_nan=False)
    except (TypeError, ValueError) as e:
        raise ValueError(f"{origin}: the scenario cannot be written as JSON: {e}") from None
    return _hemma.Scenario.parse(text, "dict", origin)


def _warn(inner: Any) -> None:
    for w in inner.warnings:
        _warnings.warn(w, UserWarning, stacklevel=3)


def _scenario(s: Union[Scenario, PathLike, Mapping[str, Any]], what: str = "scenario") -> Scenario:
    if isinstance(s, Scenario):
        return s
    if isinstance(s, (str, os.PathLike, Mapping)):
        return Scenario(s)
    raise TypeError(f"{what}: expected a Scenario, a preset's id, a path or a dict, got {type(s).__name__}")


# --- progress -------------------------------------------------------------


class _Line:
    """A progress line on stderr, when tqdm is not installed."""

    def __init__(self, desc: str) -> None:
        self.desc = desc
        self.shown = -1

    def update(self, done: int, total: int) -> None:
        pct = 100 * done // total if total else 100
        if pct != self.shown:
            self.shown = pct
            print(f"\r{self.desc}: {pct}%", end="", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.shown >= 0:
            print(file=sys.stderr, flush=True)


class _Tqdm:
    def __init__(self, desc: str) -> None:
        from tqdm.auto import tqdm

        self.bar = tqdm(total=None, desc=desc, unit=" months", unit_scale=True, leave=False)

    def update(self, done: int, total: int) -> None:
        if self.bar.total != total:
            self.bar.total = total
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        self.bar.close()


def _with_progress(progress: Union[bool, Callable[[int, int], Any]], desc: str, call: Callable[[Any], Any]) -> Any:
    """Runs ``call(callback)`` with a progress bar, a user's callback
    ``progress(done_months, total_months)``, or none."""
    if callable(progress):
        return call(progress)
    if not progress:
        return call(None)
    try:
        bar: Any = _Tqdm(desc)
    except ImportError:
        bar = _Line(desc)
    try:
        return call(bar.update)
    finally:
        bar.close()


# --- running --------------------------------------------------------------


@dataclass
class Results:
    """The results of a scenario's replications, in the CLI's tidy layouts.

    * ``aggregate`` -- one row per month and output: ``date, period, output,
      mean, p5, p25, p50, p75, p95`` (``aggregate.csv``);
    * ``yearly`` -- the same per calendar year, stocks in December and flows
      summed (``yearly.csv``);
    * ``replications`` -- one row per replication and month, one column per
      output (``replications.csv``);
    * ``fingerprints`` -- one 64-bit fingerprint per replication, equal to
      ``hemma run --fingerprint`` for the same scenario.

    Every row also says its ``period`` (``history`` before the scenario's
    start year, ``projection`` after) and ends with ``hemma_version`` and
    ``git_commit``. Every value is for the whole municipality: counts and
    kronor are the simulated totals divided by the scenario's ``scale``
    (:func:`outputs` says which outputs are totals), as in the CLI's files.
    """

    scenario: Scenario
    aggregate: Any
    yearly: Any
    replications: Any
    fingerprints: List[int] = field(default_factory=list)

    @classmethod
    def _of(cls, scenario: Scenario, d: Mapping[str, Any], frame: str) -> "Results":
        return cls(
            scenario=scenario,
            aggregate=_frame(d["aggregate"], frame),
            yearly=_frame(d["yearly"], frame),
            replications=_frame(d["replications"], frame),
            fingerprints=list(d["fingerprints"]),
        )


def run(
    scenario: Union[Scenario, PathLike, Mapping[str, Any]],
    replications: Optional[int] = None,
    threads: Optional[int] = None,
    progress: Union[bool, Callable[[int, int], Any]] = True,
    frame: str = "pandas",
) -> Results:
    """Runs a scenario's replications (``replications`` overrides the
    scenario's) on ``threads`` worker threads (default: one per core; the
    results do not depend on it) and returns their :class:`Results`.

    ``progress``: ``True`` shows a bar, ``False`` nothing, a callable gets
    ``(done_months, total_months)``. ``frame``: ``"pandas"``, ``"polars"``
    or ``"arrow"``.
    """
    _check_frame(frame)
    s = _scenario(scenario)
    d = _with_progress(progress, f"hemma {s.place}", lambda cb: _hemma.run(s._inner, replications, threads, cb))
    return Results._of(s, d, frame)


@dataclass
class Comparison:
    """Paired runs of two scenarios (common random numbers).

    * ``differences`` -- per year and output: ``base, alternative,
      difference`` (alternative - base, mean over pairs), ``paired_p5,
      paired_p95`` (the 90% interval of the mean difference from the pairs)
      and ``unpaired_p5, unpaired_p95`` (as if independent) --
      ``comparison.csv``; for the whole municipality, like every table;
    * ``effectiveness`` -- over the projection, for the whole population:
      extra cost, homeless person-years, executed evictions (each with its
      intervals) and the cost per person-year and per eviction avoided;
    * ``base``, ``alternative`` -- each run's :class:`Results`;
    * ``headline`` -- the headline ``hemma compare`` prints and the
      dashboard shows (the library's ``Headline``: the lead figure,
      person-years over the projection, with its ``lead`` verdict --
      ``fewer``, ``more``, ``no_difference`` or ``too_uncertain`` -- the
      place and what the alternative ``adds``, costs a year with their
      intervals, social assistance paid, the net cost per person-year
      avoided with its interval), and ``headline_lines``, the same in the
      CLI's words;
    * ``why`` -- the effect accounting (``comparison.json``'s ``why``):
      the difference in homeless person-years split into ``direct``,
      ``counting`` (situation 3) and ``others``, their ``total``, what the
      alternative's instruments took in (``holds``) and the parts per
      month (``monthly``); ``why_lines`` in words, as ``hemma compare``
      prints them; ``effects`` the parts per year (``effects.csv``).
    """

    differences: Any
    effectiveness: Dict[str, Any]
    base: Results
    alternative: Results
    headline: Dict[str, Any]
    headline_lines: List[str]
    why: Dict[str, Any]
    why_lines: List[str]
    effects: Any


def compare(
    base: Union[Scenario, PathLike, Mapping[str, Any]],
    alternative: Union[Scenario, PathLike, Mapping[str, Any]],
    replications: Optional[int] = None,
    threads: Optional[int] = None,
    progress: Union[bool, Callable[[int, int], Any]] = True,
    frame: str = "pandas",
) -> Comparison:
    """Runs ``base`` and ``alternative`` pair by pair (the same seeds and
    random streams) and returns their :class:`Comparison`, as ``hemma
    compare`` does. Both must share place, scale, start year, horizon and
    seed; ``replications`` (at least 2) defaults to the larger of theirs."""
    _check_frame(frame)
    b, a = _scenario(base, "base"), _scenario(alternative, "alternative")
    d = _with_progress(progress, f"hemma compare {b.place}", lambda cb: _hemma.compare(b._inner, a._inner, replications, threads, cb))
    return Comparison(
        differences=_frame(d["comparison"], frame),
        effectiveness=json.loads(d["effectiveness"]),
        base=Results._of(b, d["base"], frame),
        alternative=Results._of(a, d["alternative"], frame),
        headline=json.loads(d["headline"]),
        headline_lines=list(d["headline_lines"]),
        why=json.loads(d["why"]),
        why_lines=list(d["why_lines"]),
        effects=_frame(d["effects"], frame),
    )


@dataclass
class SweepResults:
    """The runs of a sweep plan, as ``hemma sweep`` writes them.

    * ``results`` -- one row per kept value of one run: ``point,
      replication, output, time, statistic, value`` (``results.csv``; values
      for the whole municipality, like every table);
    * ``design`` -- one row per design point: ``point, sample, block`` and
      one column per factor (``design.csv``);
    * ``manifest`` -- name, design, points, replications, factors, outputs,
      and the plan's hash.
    """

    results: Any
    design: Any
    manifest: Dict[str, Any]

    def sobol(
        self,
        output: str,
        time: Optional[str] = None,
        statistic: Optional[str] = None,
        resamples: int = 1000,
        level: float = 0.95,
        seed: int = 1,
    ) -> Any:
        """First-order and total Sobol indices of one kept value of a
        ``design = "saltelli"`` sweep, with bootstrap intervals, as ``hemma
        sensitivity`` computes them: one row per factor, ``factor, first,
        first_low, first_high, total, total_low, total_high``. ``time`` and
        ``statistic`` choose among several kept values of ``output``.
        Replications of a point are averaged first."""
        import pandas as pd

        if self.manifest.get("design") != "saltelli":
            raise ValueError(f"the sweep's design is {self.manifest.get('design')!r}; Sobol indices need design = \"saltelli\"")
        res = self.results if isinstance(self.results, pd.DataFrame) else self.results.to_pandas()
        design = self.design if isinstance(self.design, pd.DataFrame) else self.design.to_pandas()
        kept = of_output = res[res["output"] == output]
        if kept.empty:
            names = ", ".join(sorted(res["output"].unique()))
            raise ValueError(f"output = {output!r}: not kept by this sweep; kept: {names}")
        if time is not None:
            kept = kept[kept["time"] == time]
        if statistic is not None:
            kept = kept[kept["statistic"] == statistic]
        keys = sorted(set(zip(kept["time"], kept["statistic"])))
        available = "; ".join(f"time={t!r}, statistic={s!r}" for t, s in sorted(set(zip(of_output["time"], of_output["statistic"]))))
        if not keys:
            raise ValueError(f"no kept values of {output!r} match; available: {available}")
        if len(keys) > 1:
            raise ValueError(f"several kept values of {output!r} match; choose one of: {available}")
        per_point = kept.groupby("point", sort=True)["value"].mean()
        rows = design.set_index("point").loc[per_point.index]
        factors = [f["path"] for f in self.manifest["factors"]]
        idx = _hemma.sobol(
            len(factors),
            [int(x) for x in rows["sample"]],
            [str(x) for x in rows["block"]],
            [float(x) for x in per_point.values],
            resamples,
            level,
            seed,
        )
        cols = ["first", "first_low", "first_high", "total", "total_low", "total_high"]
        out = pd.DataFrame(idx, columns=cols)
        out.insert(0, "factor", factors)
        return out


def sweep(
    plan: Union[PathLike, Mapping[str, Any]],
    base: Union[Scenario, PathLike, Mapping[str, Any], None] = None,
    threads: Optional[int] = None,
    progress: Union[bool, Callable[[int, int], Any]] = True,
    frame: str = "pandas",
) -> SweepResults:
    """Runs every job of a sweep plan in memory and returns the tidy
    :class:`SweepResults` (the same rows as ``hemma sweep``'s
    ``results.csv``).

    ``plan`` is a plan file (its ``base`` relative to it) or a dict of the
    plan format; with a dict, ``base`` gives the base scenario (its ``base``
    key, if any, is then not read)."""
    _check_frame(frame)
    if isinstance(plan, Mapping):
        if base is None:
            raise ValueError("sweep(plan=dict): give the base scenario as base=")
        b = _scenario(base, "base")
        text = json.dumps({"base": "<given>", **dict(plan)}, allow_nan=False)
        call = lambda cb: _hemma.sweep_text(text, "json", b._inner, threads, cb)  # noqa: E731
    elif isinstance(plan, (str, os.PathLike)):
        if base is not None:
            raise ValueError("sweep(plan=file): the plan's `base` names the base scenario; leave base= out")
        path = os.fspath(plan)
        call = lambda cb: _hemma.sweep_file(path, threads, cb)  # noqa: E731
    else:
        raise TypeError(f"plan: expected a plan file or a dict, got {type(plan).__name__}")
    d = _with_progress(progress, "hemma sweep", call)
    return SweepResults(results=_frame(d["results"], frame), design=_frame(d["design"], frame), manifest=json.loads(d["manifest"]))


class Simulation:
    """One replication stepped month by month, for teaching and exploring.

    Burn-in runs when it is made; :meth:`step` then simulates reported
    months (the history from 2011 first, if the scenario starts later), and
    :meth:`current` reads the outputs of the month just simulated::

        sim = hemma.Simulation(hemma.Scenario("karlstad"))
        while not sim.finished:
            sim.step(12)
            print(sim.date, round(sim.current()["homeless_per_10k"], 1))
        sim.history()   # every month so far, the layout of Results.replications
    """

    def __init__(self, scenario: Union[Scenario, PathLike, Mapping[str, Any]], replication: int = 0) -> None:
        self.scenario = _scenario(scenario)
        self.replication = replication
        self._inner = _hemma.Simulation(self.scenario._inner, replication)

    def step(self, months: int = 1) -> int:
        """Simulates up to ``months`` reported months; returns how many (fewer at the horizon)."""
        if months < 0:
            raise ValueError(f"months = {months}: allowed 0 or more")
        return self._inner.step(months)

    @property
    def finished(self) -> bool:
        """Whether the horizon has been reached."""
        return self._inner.finished

    @property
    def reported(self) -> int:
        """Months simulated and reported so far."""
        return self._inner.reported

    @property
    def total(self) -> int:
        """Months the run reports in all."""
        return self._inner.total

    @property
    def date(self) -> Optional[str]:
        """The month last simulated, ``YYYY-MM`` (``None`` before the first step)."""
        return self._inner.date

    @property
    def projecting(self) -> bool:
        """Whether the next month is in the projection (the scenario's instruments in force)."""
        return self._inner.projecting

    def current(self) -> Dict[str, float]:
        """The outputs of the month last simulated (before the first step: the start, flows zero),
        for the whole municipality as every table of hemma: counts and kronor divided by the
        scenario's ``scale``, rates and shares as they are (:func:`outputs`, column ``scaling``)."""
        return dict(self._inner.current())

    def history(self, frame: str = "pandas") -> Any:
        """Every month simulated so far, in the layout of :attr:`Results.replications`."""
        t = _frame(self._inner.rows(), "arrow")
        t = t.set_column(0, "replication", pa.array([self.replication] * t.num_rows, pa.int32()))
        return _from_table(t, frame)

    @property
    def fingerprint(self) -> int:
        """Fingerprint of the months so far; at the horizon equal to ``hemma run --fingerprint``."""
        return self._inner.fingerprint()

    def __repr__(self) -> str:
        return f"Simulation({self.scenario.place!r}, replication={self.replication}, {self.reported}/{self.total} months, date={self.date})"

