/*
 * Enhancements of the report pages; everything works without them.
 * - Moves focus to the error summary, so that keyboard and screen reader users start there.
 * - A "copy the link" button on the confirmation page, and no second sending of a report by a double click.
 * - The map picker: click, tap or keyboard (arrow keys move, Enter or Space places the pin) writes the
 *   hidden latitude and longitude fields; "use my position" asks the browser. Changes are announced in a
 *   live region. The address field always works on its own.
 */
(function () {
  "use strict";

  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();

  document.querySelectorAll("[data-copy]").forEach(function (button) {
    if (!navigator.clipboard) return;
    var status = document.querySelector(".report-copy-status");
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.dataset.copy).then(function () {
        if (status) status.textContent = button.dataset.copied;
      });
    });
  });

  // A second press of the send button while the first is on its way would register the report twice.
  document.querySelectorAll("form.report-form").forEach(function (reportForm) {
    reportForm.addEventListener("submit", function (event) {
      var now = Date.now();
      if (reportForm.dataset.sentAt && now - parseInt(reportForm.dataset.sentAt, 10) < 15000) {
        event.preventDefault();
        return;
      }
      reportForm.dataset.sentAt = String(now);
    });
  });

  var picker = document.querySelector("[data-map-picker]");
  if (!picker || picker.dataset.streetMapActive) return; // the street map (street-map.js) took its place
  var form = picker.closest("form");
  var latitudeInput = form.querySelector("input[name='latitude']");
  var longitudeInput = form.querySelector("input[name='longitude']");
  var svg = picker.querySelector("svg");
  var outline = svg.querySelector(".map-picker__outline");
  var pin = svg.querySelector(".map-picker__pin");
  var cursor = svg.querySelector(".map-picker__cursor");
  var status = picker.querySelector(".map-picker__status");
  var locateButton = picker.querySelector("[data-map-locate]");
  var clearButton = picker.querySelector("[data-map-clear]");
  var data = picker.dataset;
  var width = parseFloat(data.width), height = parseFloat(data.height);
  var north = parseFloat(data.north), south = parseFloat(data.south);
  var west = parseFloat(data.west), east = parseFloat(data.east);
  var districts = Array.prototype.map.call(svg.querySelectorAll(".map-picker__district"), function (circle) {
    return { name: circle.dataset.name, x: parseFloat(circle.getAttribute("cx")), y: parseFloat(circle.getAttribute("cy")) };
  });
  var position = { x: width / 2, y: height / 2 };

  // The map is an equirectangular projection, so positions are linear in latitude and longitude.
  function toLatLon(x, y) {
    return { latitude: north + (south - north) * y / height, longitude: west + (east - west) * x / width };
  }
  function toXY(latitude, longitude) {
    return { x: (longitude - west) / (east - west) * width, y: (latitude - north) / (south - north) * height };
  }
  function inside(x, y) {
    if (!outline.isPointInFill) return true;
    var point = svg.createSVGPoint();
    point.x = x;
    point.y = y;
    return outline.isPointInFill(point);
  }
  function nearest(x, y) {
    var best = null, bestDistance = Infinity;
    districts.forEach(function (district) {
      var distance = Math.pow(district.x - x, 2) + Math.pow(district.y - y, 2);
      if (distance < bestDistance) { best = district; bestDistance = distance; }
    });
    return best ? best.name : "";
  }
  function say(template, x, y) {
    status.textContent = template.replace("{district}", x === undefined ? "" : nearest(x, y));
  }
  function show(element, x, y) {
    element.setAttribute("transform", "translate(" + x.toFixed(1) + " " + y.toFixed(1) + ")");
    element.setAttribute("visibility", "visible");
  }
  function placePin(x, y, template) {
    if (!inside(x, y)) {
      say(data.textOutside);
      return false;
    }
    var point = toLatLon(x, y);
    latitudeInput.value = point.latitude.toFixed(6);
    longitudeInput.value = point.longitude.toFixed(6);
    position = { x: x, y: y };
    show(pin, x, y);
    clearButton.hidden = false;
    say(template || data.textPlaced, x, y);
    return true;
  }
  function clearPin() {
    latitudeInput.value = "";
    longitudeInput.value = "";
    pin.setAttribute("visibility", "hidden");
    clearButton.hidden = true;
    say(data.textRemoved);
    svg.focus();
  }

  svg.addEventListener("click", function (event) {
    var matrix = svg.getScreenCTM();
    if (!matrix) return;
    var point = svg.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    point = point.matrixTransform(matrix.inverse());
    cursor.setAttribute("visibility", "hidden");
    placePin(point.x, point.y);
  });

  var steps = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };
  svg.addEventListener("keydown", function (event) {
    var step = steps[event.key];
    if (step) {
      event.preventDefault();
      var size = (event.shiftKey ? 5 : 1) * width / 60;
      position = {
        x: Math.min(width, Math.max(0, position.x + step[0] * size)),
        y: Math.min(height, Math.max(0, position.y + step[1] * size)),
      };
      show(cursor, position.x, position.y);
      if (inside(position.x, position.y)) say(data.textCursor, position.x, position.y);
      else say(data.textCursorOutside);
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      placePin(position.x, position.y);
    }
  });
  svg.addEventListener("focus", function () { show(cursor, position.x, position.y); });
  svg.addEventListener("blur", function () { cursor.setAttribute("visibility", "hidden"); });
  clearButton.addEventListener("click", clearPin);

  if (navigator.geolocation) {
    locateButton.hidden = false;
    locateButton.addEventListener("click", function () {
      say(data.textLocating);
      navigator.geolocation.getCurrentPosition(
        function (found) {
          var point = toXY(found.coords.latitude, found.coords.longitude);
          var outsideMap = point.x < 0 || point.y < 0 || point.x > width || point.y > height;
          if (outsideMap || !inside(point.x, point.y)) say(data.textLocateOutside);
          else placePin(point.x, point.y);
        },
        function (error) { say(error.code === 1 ? data.textDenied : data.textFailed); },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
      );
    });
  }

  picker.hidden = false;
  var latitude = parseFloat(latitudeInput.value), longitude = parseFloat(longitudeInput.value);
  if (isFinite(latitude) && isFinite(longitude)) {
    var start = toXY(latitude, longitude);
    if (!placePin(start.x, start.y, data.textChosen)) {
      latitudeInput.value = "";
      longitudeInput.value = "";
    }
  }
})();
