// item-search.scenario.ts
import { check, defineScenario, step } from "file:///work/wt/h14c/dist/index.js";
var item_search_scenario_default = defineScenario({
  name: "item-search",
  executor: { type: "constant-arrival-rate", rate: 20, duration: "10s", maxUsers: 64 },
  thresholds: {
    http_req_duration: ["p(95)<250"],
    http_req_failed: ["rate<0.01"]
  },
  async userSetup(vu) {
    const res = await vu.http.post("/api/auth/login", { username: "demo", password: "demo-password" });
    check(res, { "logged in": (r) => r.status === 200 });
    vu.http.headers.authorization = `Bearer ${res.json().access_token}`;
  },
  journey: [
    step("search", async (vu) => {
      const res = await vu.http.get("/api/items", { query: { q: `lamp-${vu.iteration % 50}`, limit: 10 }, name: "/api/items?q=" });
      check(res, { "search (200)": (r) => r.status === 200 });
    })
  ]
});
export {
  item_search_scenario_default as default
};
//# sourceMappingURL=data:application/json;base64,ewogICJ2ZXJzaW9uIjogMywKICAic291cmNlcyI6IFsiaXRlbS1zZWFyY2guc2NlbmFyaW8udHMiXSwKICAic291cmNlc0NvbnRlbnQiOiBbIi8vIEl0ZW0gc2VhcmNoOiBlYWNoIGl0ZXJhdGlvbiBydW5zIG9uZSBzZWFyY2ggcXVlcnkgYWdhaW5zdCB0aGUgZGF0YWJhc2UgKHRoZSBkZW1vJ3MgY2FwYWNpdHkgc2VhcmNoIHN0ZXBzIGl0cyByYXRlKS5cbmltcG9ydCB7IGNoZWNrLCBkZWZpbmVTY2VuYXJpbywgc3RlcCB9IGZyb20gJ2dvbm9nbyc7XG5cbmV4cG9ydCBkZWZhdWx0IGRlZmluZVNjZW5hcmlvKHtcbiAgbmFtZTogJ2l0ZW0tc2VhcmNoJyxcbiAgZXhlY3V0b3I6IHsgdHlwZTogJ2NvbnN0YW50LWFycml2YWwtcmF0ZScsIHJhdGU6IDIwLCBkdXJhdGlvbjogJzEwcycsIG1heFVzZXJzOiA2NCB9LFxuICB0aHJlc2hvbGRzOiB7XG4gICAgaHR0cF9yZXFfZHVyYXRpb246IFsncCg5NSk8MjUwJ10sXG4gICAgaHR0cF9yZXFfZmFpbGVkOiBbJ3JhdGU8MC4wMSddLFxuICB9LFxuXG4gIGFzeW5jIHVzZXJTZXR1cCh2dSkge1xuICAgIGNvbnN0IHJlcyA9IGF3YWl0IHZ1Lmh0dHAucG9zdCgnL2FwaS9hdXRoL2xvZ2luJywgeyB1c2VybmFtZTogJ2RlbW8nLCBwYXNzd29yZDogJ2RlbW8tcGFzc3dvcmQnIH0pO1xuICAgIGNoZWNrKHJlcywgeyAnbG9nZ2VkIGluJzogKHIpID0+IHIuc3RhdHVzID09PSAyMDAgfSk7XG4gICAgdnUuaHR0cC5oZWFkZXJzLmF1dGhvcml6YXRpb24gPSBgQmVhcmVyICR7cmVzLmpzb24oKS5hY2Nlc3NfdG9rZW59YDtcbiAgfSxcblxuICBqb3VybmV5OiBbXG4gICAgc3RlcCgnc2VhcmNoJywgYXN5bmMgKHZ1KSA9PiB7XG4gICAgICBjb25zdCByZXMgPSBhd2FpdCB2dS5odHRwLmdldCgnL2FwaS9pdGVtcycsIHsgcXVlcnk6IHsgcTogYGxhbXAtJHt2dS5pdGVyYXRpb24gJSA1MH1gLCBsaW1pdDogMTAgfSwgbmFtZTogJy9hcGkvaXRlbXM/cT0nIH0pO1xuICAgICAgY2hlY2socmVzLCB7ICdzZWFyY2ggKDIwMCknOiAocikgPT4gci5zdGF0dXMgPT09IDIwMCB9KTtcbiAgICB9KSxcbiAgXSxcbn0pO1xuIl0sCiAgIm1hcHBpbmdzIjogIjtBQUNBLFNBQVMsT0FBTyxnQkFBZ0IsWUFBWTtBQUU1QyxJQUFPLCtCQUFRLGVBQWU7QUFBQSxFQUM1QixNQUFNO0FBQUEsRUFDTixVQUFVLEVBQUUsTUFBTSx5QkFBeUIsTUFBTSxJQUFJLFVBQVUsT0FBTyxVQUFVLEdBQUc7QUFBQSxFQUNuRixZQUFZO0FBQUEsSUFDVixtQkFBbUIsQ0FBQyxXQUFXO0FBQUEsSUFDL0IsaUJBQWlCLENBQUMsV0FBVztBQUFBLEVBQy9CO0FBQUEsRUFFQSxNQUFNLFVBQVUsSUFBSTtBQUNsQixVQUFNLE1BQU0sTUFBTSxHQUFHLEtBQUssS0FBSyxtQkFBbUIsRUFBRSxVQUFVLFFBQVEsVUFBVSxnQkFBZ0IsQ0FBQztBQUNqRyxVQUFNLEtBQUssRUFBRSxhQUFhLENBQUMsTUFBTSxFQUFFLFdBQVcsSUFBSSxDQUFDO0FBQ25ELE9BQUcsS0FBSyxRQUFRLGdCQUFnQixVQUFVLElBQUksS0FBSyxFQUFFLFlBQVk7QUFBQSxFQUNuRTtBQUFBLEVBRUEsU0FBUztBQUFBLElBQ1AsS0FBSyxVQUFVLE9BQU8sT0FBTztBQUMzQixZQUFNLE1BQU0sTUFBTSxHQUFHLEtBQUssSUFBSSxjQUFjLEVBQUUsT0FBTyxFQUFFLEdBQUcsUUFBUSxHQUFHLFlBQVksRUFBRSxJQUFJLE9BQU8sR0FBRyxHQUFHLE1BQU0sZ0JBQWdCLENBQUM7QUFDM0gsWUFBTSxLQUFLLEVBQUUsZ0JBQWdCLENBQUMsTUFBTSxFQUFFLFdBQVcsSUFBSSxDQUFDO0FBQUEsSUFDeEQsQ0FBQztBQUFBLEVBQ0g7QUFDRixDQUFDOyIsCiAgIm5hbWVzIjogW10KfQo=
