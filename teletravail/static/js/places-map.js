/* The places directory's map: the départements' outlines as the base layer (no tile server unless the deployment
   configures one), the places of the page's search as clustered markers loaded from carte.geojson. Markers and
   groups are reached with Tab; Enter opens a place's popup (its name and a link to its page) or zooms on a group.
   The list under the map gives the same places, and is all there is without JavaScript. Also: the "copy the embed
   code" button of the widget section. */
(function () {
  "use strict";

  function setUpCopyButton() {
    var button = document.getElementById("embed-copy");
    var code = document.getElementById("embed-code");
    var status = document.getElementById("embed-copy-status");
    if (!button || !code || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(code.value).then(function () {
        status.textContent = button.dataset.copied;
      });
    });
  }

  function popupContent(feature, texts) {
    // Built as nodes, never as HTML: the names come from the places' operators.
    var box = document.createElement("div");
    var name = document.createElement("p");
    name.className = "fr-text--bold fr-mb-1v";
    name.textContent = feature.properties.name;
    var where = document.createElement("p");
    where.className = "fr-text--sm fr-mb-1v";
    where.textContent = feature.properties.kind + " — " + feature.properties.commune;
    var link = document.createElement("a");
    link.href = feature.properties.url;
    link.textContent = texts.openPlace;
    var hidden = document.createElement("span");
    hidden.className = "fr-sr-only";
    hidden.textContent = " : " + feature.properties.name;
    link.appendChild(hidden);
    box.appendChild(name);
    box.appendChild(where);
    box.appendChild(link);
    return box;
  }

  function clusterIcon(cluster, texts) {
    var count = cluster.getChildCount();
    var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    var inner = document.createElement("div");
    var number = document.createElement("span");
    number.textContent = String(count);
    var words = document.createElement("span");
    words.className = "fr-sr-only";
    words.textContent = " " + texts.cluster;
    number.appendChild(words);
    inner.appendChild(number);
    return L.divIcon({
      html: inner,
      className: "marker-cluster marker-cluster-" + size,
      iconSize: L.point(40, 40),
    });
  }

  function drawMap(element) {
    var data = element.dataset;
    var status = document.getElementById("places-map-status");
    var texts = { openPlace: data.openPlace, cluster: data.cluster };
    var map = L.map(element, { zoomControl: false, minZoom: 2, maxZoom: 18 }).setView([46.6, 2.4], 5);
    element.setAttribute("aria-label", data.mapLabel);
    L.control.zoom({ zoomInTitle: data.zoomIn, zoomOutTitle: data.zoomOut }).addTo(map);
    map.attributionControl.setPrefix(false);
    if (data.tileUrl) {
      L.tileLayer(data.tileUrl, { attribution: data.tileAttribution, maxZoom: 18 }).addTo(map);
    }
    status.textContent = data.loading;

    fetch(data.outlinesUrl)
      .then(function (response) { return response.json(); })
      .then(function (outlines) {
        L.geoJSON(outlines, {
          interactive: false,
          attribution: data.outlinesAttribution,
          style: { color: "#929292", weight: 1, fillColor: "#ffffff", fillOpacity: data.tileUrl ? 0 : 1 },
        }).addTo(map).bringToBack();
      })
      .catch(function () { /* the markers still show without the outlines */ });

    fetch(data.placesUrl)
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (places) {
        var group = L.markerClusterGroup({
          iconCreateFunction: function (cluster) { return clusterIcon(cluster, texts); },
          showCoverageOnHover: false,
        });
        places.features.forEach(function (feature) {
          var lonLat = feature.geometry.coordinates;
          var marker = L.marker([lonLat[1], lonLat[0]], {
            title: feature.properties.name,
            alt: feature.properties.name,
            keyboard: true,
          });
          marker.bindPopup(function () { return popupContent(feature, texts); });
          group.addLayer(marker);
        });
        map.addLayer(group);
        if (places.features.length) {
          map.fitBounds(group.getBounds(), { maxZoom: 13, padding: [20, 20] });
        }
        status.textContent = "";
      })
      .catch(function () { status.textContent = data.failed; });
  }

  function start() {
    setUpCopyButton();
    var element = document.getElementById("places-map");
    if (!element || !window.L || !L.markerClusterGroup || !window.fetch) {
      return;
    }
    document.getElementById("places-map-section").hidden = false;
    drawMap(element);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
