// A game that first calls every ctx function with wrong types and values far past the runtime's
// caps (catching what is refused), reports the counts as the event "fuzz", then plays normally.
// Used by sandbox.rs's test: it must pass the smoke test inside a 256 MiB sandbox.
var big = "f".repeat(1 << 20);
var bigColor = "#" + big;
var wide = "a".repeat(1000);
var rows = [];
for (var r = 0; r < 1000; r++) rows.push(wide);
var maxRows = [];
for (var q = 0; q < 256; q++) maxRows.push("a".repeat(256));
var manyPoints = [];
for (var p = 0; p < 100000; p++) manyPoints.push([p % 640, p % 360]);
var hostile = {
  valueOf: function () { throw new Error("valueOf"); },
  toString: function () { throw new Error("toString"); },
};
// Cheap to convert: the big arrays only go to the calls that take arrays (below), or the fuzz
// would spend its setup time joining them into strings.
var weird = [
  undefined, null, true, -1, 0, NaN, Infinity, 1e308, "", "#fff", big, bigColor, [], {}, hostile,
  function () {}, [1, 2], { a: bigColor },
];

function fuzz(ctx) {
  var calls = 0;
  var refused = 0;
  function attempt(f, args) {
    try {
      f.apply(null, args);
      calls++;
    } catch (e) {
      refused++;
    }
  }
  var fns = [
    ctx.clear, ctx.rect, ctx.strokeRect, ctx.roundRect, ctx.circle, ctx.strokeCircle, ctx.line,
    ctx.poly, ctx.text, ctx.measureText, ctx.sprite.define, ctx.sprite.draw, ctx.sprite.size,
    ctx.input.down, ctx.input.pressed, ctx.sound.tone, ctx.sound.effect, ctx.random, ctx.randInt,
    ctx.pick, ctx.store.get, ctx.store.set, ctx.score.set, ctx.score.add, ctx.score.get,
  ];
  for (var i = 0; i < fns.length; i++) {
    for (var a = 0; a < weird.length; a++) {
      attempt(fns[i], [weird[a]]);
      attempt(fns[i], [weird[a], weird[(a + 3) % weird.length], weird[(a + 7) % weird.length],
        weird[(a + 11) % weird.length], weird[(a + 13) % weird.length], weird[(a + 17) % weird.length]]);
    }
  }
  for (var e = 0; e < 20; e++) attempt(ctx.event, [big, { blob: big }]);
  attempt(ctx.sprite.define, ["bomb", rows, { a: bigColor }]);
  attempt(ctx.sprite.define, ["bomb", maxRows, { a: bigColor }]);
  attempt(ctx.sprite.define, [big, ["a"], { a: "#fff" }]);
  attempt(ctx.sprite.define, ["rows", rows, { a: "#fff" }]);
  attempt(ctx.poly, [manyPoints, bigColor]);
  attempt(ctx.text, [big, 0, 0, { color: bigColor, size: 400 }]);
  attempt(ctx.store.set, ["k", manyPoints]);
  ctx.score.set(0);
  ctx.event("fuzz", { calls: calls, refused: refused });
}

var x = 0;
aimini.game({
  setup: function (ctx) {
    fuzz(ctx);
    x = 20;
  },
  update: function (ctx, dt) {
    if (ctx.input.down("right") || ctx.input.down("left") || ctx.input.pointer.down) x += 4;
  },
  draw: function (ctx) {
    ctx.clear("#102030");
    ctx.rect(x % 600, 150, 30, 30, "#fc0");
  },
});
