// Calls every function of `host` with wrong types and with values far past their caps; returns
// [calls that returned, calls that threw]. Used by host.rs's test, in a bare QuickJS context.
(function () {
  var big = "f".repeat(1 << 20);
  var bigColor = "#" + big;
  var many = [];
  for (var i = 0; i < 1000000; i++) many.push(bigColor);
  var numbers = [];
  for (var j = 0; j < 200000; j++) numbers.push(j);
  var hostile = {
    valueOf: function () { throw new Error("valueOf"); },
    toString: function () { throw new Error("toString"); },
  };
  var weird = [
    undefined, null, true, -1, 0, NaN, Infinity, -Infinity, 1e308, 4294967296, "", "#fff", big,
    bigColor, [], many, numbers, {}, hostile, Symbol("s"), function () {}, [1, 2, 3], ["#fff"],
  ];
  var calls = 0;
  var threw = 0;
  function attempt(f, args) {
    try {
      f.apply(null, args);
      calls++;
    } catch (e) {
      threw++;
    }
  }
  var names = Object.keys(host);
  for (var n = 0; n < names.length; n++) {
    var f = host[names[n]];
    for (var a = 0; a < weird.length; a++) {
      attempt(f, [weird[a]]);
      var args = [];
      for (var k = 0; k < 6; k++) args.push(weird[(a + k * 7) % weird.length]);
      attempt(f, args);
    }
  }
  // Right types, past every cap.
  attempt(host.spriteDefine, ["s", 1000, 1000, many]);
  attempt(host.spriteDefine, ["s", 256, 256, many]);
  attempt(host.spriteDefine, [big, 1, 1, ["#fff"]]);
  attempt(host.spriteDefine, ["s", 1, 1, [bigColor]]);
  attempt(host.spriteDefine, ["ok", 2, 1, ["#fff", ""]]);
  attempt(host.spriteDraw, [big, 0, 0, 1]);
  attempt(host.fillPoly, [numbers]);
  attempt(host.fillStyle, [bigColor]);
  attempt(host.strokeStyle, [bigColor]);
  host.beginFrame();
  for (var t = 0; t < 50; t++) {
    attempt(host.fillText, [big, 0, 0, 16, false, "left"]);
    attempt(host.fillText, ["x", 0, 0, 16, false, big]);
    attempt(host.measureText, [big, 16, false]);
    attempt(host.gameOver, [true, big, 1]);
  }
  host.endFrame();
  for (var s = 0; s < 5000; s++) {
    attempt(host.sound, ["sound-" + s]);
    attempt(host.sound, [big]);
    attempt(host.warn, [big]);
    attempt(host.event, [big, big, 0, 0]);
    attempt(host.event, ["e" + s, JSON.stringify({ n: s }), s, s]);
  }
  return [calls, threw];
})()
